build-prof/obj/src/dict/native.o: src/dict/native.c src/dict/dict_int.h \
 src/dict/sr_dict.h src/dict/../text/sr_text.h \
 src/dict/../text/../util/sr_util.h src/dict/../util/sr_util.h
src/dict/dict_int.h:
src/dict/sr_dict.h:
src/dict/../text/sr_text.h:
src/dict/../text/../util/sr_util.h:
src/dict/../util/sr_util.h:
