build-prof/obj/src/geo/key.o: src/geo/key.c src/geo/geo_int.h \
 src/geo/sr_geo.h src/geo/../text/sr_text.h \
 src/geo/../text/../util/sr_util.h src/geo/../util/sr_util.h
src/geo/geo_int.h:
src/geo/sr_geo.h:
src/geo/../text/sr_text.h:
src/geo/../text/../util/sr_util.h:
src/geo/../util/sr_util.h:
