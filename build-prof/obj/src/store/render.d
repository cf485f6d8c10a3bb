build-prof/obj/src/store/render.o: src/store/render.c \
 src/store/store_int.h src/store/db_int.h src/store/../util/sr_util.h \
 src/store/sr_store.h
src/store/store_int.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
src/store/sr_store.h:
