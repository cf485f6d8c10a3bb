build-prof/obj/src/util/mem.o: src/util/mem.c src/util/sr_util.h
src/util/sr_util.h:
