build-prof/obj/src/text/utf8.o: src/text/utf8.c src/text/text_int.h \
 src/text/sr_text.h src/text/../util/sr_util.h
src/text/text_int.h:
src/text/sr_text.h:
src/text/../util/sr_util.h:
