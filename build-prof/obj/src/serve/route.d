build-prof/obj/src/serve/route.o: src/serve/route.c \
 src/serve/../pipeline/sr_pipeline.h \
 src/serve/../pipeline/../input/sr_input.h \
 src/serve/../pipeline/../input/../util/sr_util.h \
 src/serve/../pipeline/../util/sr_util.h src/serve/serve_int.h \
 src/serve/sr_serve.h src/serve/../util/sr_util.h src/serve/server_int.h
src/serve/../pipeline/sr_pipeline.h:
src/serve/../pipeline/../input/sr_input.h:
src/serve/../pipeline/../input/../util/sr_util.h:
src/serve/../pipeline/../util/sr_util.h:
src/serve/serve_int.h:
src/serve/sr_serve.h:
src/serve/../util/sr_util.h:
src/serve/server_int.h:
