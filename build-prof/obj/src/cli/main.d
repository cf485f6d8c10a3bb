build-prof/obj/src/cli/main.o: src/cli/main.c src/cli/../util/sr_util.h \
 src/cli/cli.h
src/cli/../util/sr_util.h:
src/cli/cli.h:
