build-prof/obj/src/serve/cache.o: src/serve/cache.c src/serve/serve_int.h \
 src/serve/sr_serve.h src/serve/../util/sr_util.h
src/serve/serve_int.h:
src/serve/sr_serve.h:
src/serve/../util/sr_util.h:
