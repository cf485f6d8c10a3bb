build-prof/obj/src/input/reader.o: src/input/reader.c \
 src/input/sr_input.h src/input/../util/sr_util.h src/input/input_int.h \
 src/input/../text/sr_text.h src/input/../text/../util/sr_util.h
src/input/sr_input.h:
src/input/../util/sr_util.h:
src/input/input_int.h:
src/input/../text/sr_text.h:
src/input/../text/../util/sr_util.h:
