build-prof/obj/src/store/db.o: src/store/db.c src/store/db_back.h \
 src/store/db_int.h src/store/../util/sr_util.h
src/store/db_back.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
