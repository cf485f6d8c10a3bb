build-prof/obj/src/util/error.o: src/util/error.c src/util/sr_util.h
src/util/sr_util.h:
