build-prof/obj/src/code/coder.o: src/code/coder.c src/code/code_int.h \
 src/code/sr_code.h src/code/../dict/sr_dict.h \
 src/code/../dict/../text/sr_text.h \
 src/code/../dict/../text/../util/sr_util.h \
 src/code/../dict/../util/sr_util.h src/code/../parse/sr_parse.h \
 src/code/../parse/../dict/sr_dict.h src/code/../parse/../text/sr_text.h \
 src/code/../parse/../util/sr_util.h src/code/../util/sr_util.h
src/code/code_int.h:
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
