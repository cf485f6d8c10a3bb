build-prof/obj/src/store/export_gkg.o: src/store/export_gkg.c \
 src/store/store_gdelt.h src/store/store_int.h src/store/db_int.h \
 src/store/../util/sr_util.h src/store/sr_store.h
src/store/store_gdelt.h:
src/store/store_int.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
src/store/sr_store.h:
