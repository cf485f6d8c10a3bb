build-prof/obj/src/store/db_pg.o: src/store/db_pg.c \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h src/store/db_back.h \
 src/store/db_int.h src/store/../util/sr_util.h
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
src/store/db_back.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
