build-prof/obj/src/store/record.o: src/store/record.c \
 src/store/../pipeline/sr_pipeline.h \
 src/store/../pipeline/../input/sr_input.h \
 src/store/../pipeline/../input/../util/sr_util.h \
 src/store/../pipeline/../util/sr_util.h src/store/store_int.h \
 src/store/db_int.h src/store/../util/sr_util.h src/store/sr_store.h
src/store/../pipeline/sr_pipeline.h:
src/store/../pipeline/../input/sr_input.h:
src/store/../pipeline/../input/../util/sr_util.h:
src/store/../pipeline/../util/sr_util.h:
src/store/store_int.h:
src/store/db_int.h:
src/store/../util/sr_util.h:
src/store/sr_store.h:
