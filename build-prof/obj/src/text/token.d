build-prof/obj/src/text/token.o: src/text/token.c src/text/text_int.h \
 src/text/sr_text.h src/text/../util/sr_util.h
src/text/text_int.h:
src/text/sr_text.h:
src/text/../util/sr_util.h:
