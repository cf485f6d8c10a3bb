build-prof/obj/src/pipeline/record.o: src/pipeline/record.c \
 src/pipeline/pipeline_int.h src/pipeline/../code/sr_code.h \
 src/pipeline/../code/../dict/sr_dict.h \
 src/pipeline/../code/../dict/../text/sr_text.h \
 src/pipeline/../code/../dict/../text/../util/sr_util.h \
 src/pipeline/../code/../dict/../util/sr_util.h \
 src/pipeline/../code/../parse/sr_parse.h \
 src/pipeline/../code/../parse/../dict/sr_dict.h \
 src/pipeline/../code/../parse/../text/sr_text.h \
 src/pipeline/../code/../parse/../util/sr_util.h \
 src/pipeline/../code/../util/sr_util.h src/pipeline/../facts/sr_facts.h \
 src/pipeline/../facts/../text/sr_text.h \
 src/pipeline/../facts/../util/sr_util.h src/pipeline/../geo/sr_geo.h \
 src/pipeline/../geo/../text/sr_text.h \
 src/pipeline/../geo/../util/sr_util.h src/pipeline/../text/sr_text.h \
 src/pipeline/sr_pipeline.h src/pipeline/../input/sr_input.h \
 src/pipeline/../input/../util/sr_util.h src/pipeline/../util/sr_util.h
src/pipeline/pipeline_int.h:
src/pipeline/../code/sr_code.h:
src/pipeline/../code/../dict/sr_dict.h:
src/pipeline/../code/../dict/../text/sr_text.h:
src/pipeline/../code/../dict/../text/../util/sr_util.h:
src/pipeline/../code/../dict/../util/sr_util.h:
src/pipeline/../code/../parse/sr_parse.h:
src/pipeline/../code/../parse/../dict/sr_dict.h:
src/pipeline/../code/../parse/../text/sr_text.h:
src/pipeline/../code/../parse/../util/sr_util.h:
src/pipeline/../code/../util/sr_util.h:
src/pipeline/../facts/sr_facts.h:
src/pipeline/../facts/../text/sr_text.h:
src/pipeline/../facts/../util/sr_util.h:
src/pipeline/../geo/sr_geo.h:
src/pipeline/../geo/../text/sr_text.h:
src/pipeline/../geo/../util/sr_util.h:
src/pipeline/../text/sr_text.h:
src/pipeline/sr_pipeline.h:
src/pipeline/../input/sr_input.h:
src/pipeline/../input/../util/sr_util.h:
src/pipeline/../util/sr_util.h:
