build-prof/obj/src/pipeline/render.o: src/pipeline/render.c \
 src/pipeline/sr_pipeline.h src/pipeline/../input/sr_input.h \
 src/pipeline/../input/../util/sr_util.h src/pipeline/../util/sr_util.h
src/pipeline/sr_pipeline.h:
src/pipeline/../input/sr_input.h:
src/pipeline/../input/../util/sr_util.h:
src/pipeline/../util/sr_util.h:
