build-prof/obj/src/store/db_sqlite.o: src/store/db_sqlite.c \
 src/store/db_back.h src/store/db_int.h src/store/../util/sr_util.h
src/store/db_back.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
