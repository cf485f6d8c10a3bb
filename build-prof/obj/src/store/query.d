build-prof/obj/src/store/query.o: src/store/query.c src/store/db_back.h \
 src/store/db_int.h src/store/../util/sr_util.h src/store/store_int.h \
 src/store/sr_store.h
src/store/db_back.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
src/store/store_int.h:
src/store/sr_store.h:
