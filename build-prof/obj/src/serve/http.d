build-prof/obj/src/serve/http.o: src/serve/http.c src/serve/server_int.h \
 src/serve/serve_int.h src/serve/sr_serve.h src/serve/../util/sr_util.h
src/serve/server_int.h:
src/serve/serve_int.h:
src/serve/sr_serve.h:
src/serve/../util/sr_util.h:
