build-prof/obj/src/util/buf.o: src/util/buf.c src/util/sr_util.h
src/util/sr_util.h:
