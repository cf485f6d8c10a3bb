build-prof/obj/src/util/json.o: src/util/json.c src/util/sr_util.h
src/util/sr_util.h:
