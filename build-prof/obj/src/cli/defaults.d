build-prof/obj/src/cli/defaults.o: src/cli/defaults.c src/cli/cli.h
src/cli/cli.h:
