build-prof/obj/src/store/export.o: src/store/export.c \
 src/store/../code/sr_code.h src/store/../code/../dict/sr_dict.h \
 src/store/../code/../dict/../text/sr_text.h \
 src/store/../code/../dict/../text/../util/sr_util.h \
 src/store/../code/../dict/../util/sr_util.h \
 src/store/../code/../parse/sr_parse.h \
 src/store/../code/../parse/../dict/sr_dict.h \
 src/store/../code/../parse/../text/sr_text.h \
 src/store/../code/../parse/../util/sr_util.h \
 src/store/../code/../util/sr_util.h src/store/store_gdelt.h \
 src/store/store_int.h src/store/db_int.h src/store/../util/sr_util.h \
 src/store/sr_store.h
src/store/../code/sr_code.h:
src/store/../code/../dict/sr_dict.h:
src/store/../code/../dict/../text/sr_text.h:
src/store/../code/../dict/../text/../util/sr_util.h:
src/store/../code/../dict/../util/sr_util.h:
src/store/../code/../parse/sr_parse.h:
src/store/../code/../parse/../dict/sr_dict.h:
src/store/../code/../parse/../text/sr_text.h:
src/store/../code/../parse/../util/sr_util.h:
src/store/../code/../util/sr_util.h:
src/store/store_gdelt.h:
src/store/store_int.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
src/store/sr_store.h:
