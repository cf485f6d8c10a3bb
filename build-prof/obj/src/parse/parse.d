build-prof/obj/src/parse/parse.o: src/parse/parse.c src/parse/parse_int.h \
 src/parse/sr_parse.h src/parse/../dict/sr_dict.h \
 src/parse/../dict/../text/sr_text.h \
 src/parse/../dict/../text/../util/sr_util.h \
 src/parse/../dict/../util/sr_util.h src/parse/../text/sr_text.h \
 src/parse/../util/sr_util.h
src/parse/parse_int.h:
src/parse/sr_parse.h:
src/parse/../dict/sr_dict.h:
src/parse/../dict/../text/sr_text.h:
src/parse/../dict/../text/../util/sr_util.h:
src/parse/../dict/../util/sr_util.h:
src/parse/../text/sr_text.h:
src/parse/../util/sr_util.h:
