build-prof/obj/src/text/boiler.o: src/text/boiler.c src/text/text_int.h \
 src/text/sr_text.h src/text/../util/sr_util.h
src/text/text_int.h:
src/text/sr_text.h:
src/text/../util/sr_util.h:
