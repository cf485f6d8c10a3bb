build-prof/obj/src/code/cameo.o: src/code/cameo.c src/code/cameo_int.h \
 src/code/sr_code.h src/code/../dict/sr_dict.h \
 src/code/../dict/../text/sr_text.h \
 src/code/../dict/../text/../util/sr_util.h \
 src/code/../dict/../util/sr_util.h src/code/../parse/sr_parse.h \
 src/code/../parse/../dict/sr_dict.h src/code/../parse/../text/sr_text.h \
 src/code/../parse/../util/sr_util.h src/code/../util/sr_util.h
src/code/cameo_int.h:
src/code/sr_code.h:
src/code/../dict/sr_dict.h:
src/code/../dict/../text/sr_text.h:
src/code/../dict/../text/../util/sr_util.h:
src/code/../dict/../util/sr_util.h:
src/code/../parse/sr_parse.h:
src/code/../parse/../dict/sr_dict.h:
src/code/../parse/../text/sr_text.h:
src/code/../parse/../util/sr_util.h:
src/code/../util/sr_util.h:
