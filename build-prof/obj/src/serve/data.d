build-prof/obj/src/serve/data.o: src/serve/data.c \
 src/serve/../code/sr_code.h src/serve/../code/../dict/sr_dict.h \
 src/serve/../code/../dict/../text/sr_text.h \
 src/serve/../code/../dict/../text/../util/sr_util.h \
 src/serve/../code/../dict/../util/sr_util.h \
 src/serve/../code/../parse/sr_parse.h \
 src/serve/../code/../parse/../dict/sr_dict.h \
 src/serve/../code/../parse/../text/sr_text.h \
 src/serve/../code/../parse/../util/sr_util.h \
 src/serve/../code/../util/sr_util.h src/serve/../store/sr_store.h \
 src/serve/../store/../util/sr_util.h src/serve/server_int.h \
 src/serve/serve_int.h src/serve/sr_serve.h src/serve/../util/sr_util.h
src/serve/../code/sr_code.h:
src/serve/../code/../dict/sr_dict.h:
src/serve/../code/../dict/../text/sr_text.h:
src/serve/../code/../dict/../text/../util/sr_util.h:
src/serve/../code/../dict/../util/sr_util.h:
src/serve/../code/../parse/sr_parse.h:
src/serve/../code/../parse/../dict/sr_dict.h:
src/serve/../code/../parse/../text/sr_text.h:
src/serve/../code/../parse/../util/sr_util.h:
src/serve/../code/../util/sr_util.h:
src/serve/../store/sr_store.h:
src/serve/../store/../util/sr_util.h:
src/serve/server_int.h:
src/serve/serve_int.h:
src/serve/sr_serve.h:
src/serve/../util/sr_util.h:
