build-prof/obj/src/store/document.o: src/store/document.c \
 src/store/store_int.h src/store/db_int.h src/store/../util/sr_util.h \
 src/store/sr_store.h
src/store/store_int.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
src/store/sr_store.h:
