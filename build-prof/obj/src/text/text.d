build-prof/obj/src/text/text.o: src/text/text.c src/text/text_int.h \
 src/text/sr_text.h src/text/../util/sr_util.h
src/text/text_int.h:
src/text/sr_text.h:
src/text/../util/sr_util.h:
