build-prof/obj/src/cli/cmd_validate.o: src/cli/cmd_validate.c \
 /usr/include/libxml2/libxml/parser.h \
 /usr/include/libxml2/libxml/xmlversion.h \
 /usr/include/libxml2/libxml/xmlexports.h \
 /usr/include/libxml2/libxml/tree.h \
 /usr/include/libxml2/libxml/xmlstring.h \
 /usr/include/libxml2/libxml/xmlregexp.h \
 /usr/include/libxml2/libxml/dict.h /usr/include/libxml2/libxml/hash.h \
 /usr/include/libxml2/libxml/valid.h \
 /usr/include/libxml2/libxml/xmlerror.h \
 /usr/include/libxml2/libxml/list.h \
 /usr/include/libxml2/libxml/xmlautomata.h \
 /usr/include/libxml2/libxml/entities.h \
 /usr/include/libxml2/libxml/encoding.h \
 /usr/include/libxml2/libxml/xmlIO.h \
 /usr/include/libxml2/libxml/globals.h /usr/include/libxml2/libxml/SAX2.h \
 /usr/include/libxml2/libxml/xlink.h \
 /usr/include/libxml2/libxml/xmlmemory.h \
 /usr/include/libxml2/libxml/threads.h src/cli/../code/sr_code.h \
 src/cli/../code/../dict/sr_dict.h \
 src/cli/../code/../dict/../text/sr_text.h \
 src/cli/../code/../dict/../text/../util/sr_util.h \
 src/cli/../code/../dict/../util/sr_util.h \
 src/cli/../code/../parse/sr_parse.h \
 src/cli/../code/../parse/../dict/sr_dict.h \
 src/cli/../code/../parse/../text/sr_text.h \
 src/cli/../code/../parse/../util/sr_util.h \
 src/cli/../code/../util/sr_util.h src/cli/../dict/sr_dict.h \
 src/cli/../input/sr_input.h src/cli/../input/../util/sr_util.h \
 src/cli/../pipeline/sr_pipeline.h \
 src/cli/../pipeline/../input/sr_input.h \
 src/cli/../pipeline/../util/sr_util.h src/cli/cli.h
/usr/include/libxml2/libxml/parser.h:
/usr/include/libxml2/libxml/xmlversion.h:
/usr/include/libxml2/libxml/xmlexports.h:
/usr/include/libxml2/libxml/tree.h:
/usr/include/libxml2/libxml/xmlstring.h:
/usr/include/libxml2/libxml/xmlregexp.h:
/usr/include/libxml2/libxml/dict.h:
/usr/include/libxml2/libxml/hash.h:
/usr/include/libxml2/libxml/valid.h:
/usr/include/libxml2/libxml/xmlerror.h:
/usr/include/libxml2/libxml/list.h:
/usr/include/libxml2/libxml/xmlautomata.h:
/usr/include/libxml2/libxml/entities.h:
/usr/include/libxml2/libxml/encoding.h:
/usr/include/libxml2/libxml/xmlIO.h:
/usr/include/libxml2/libxml/globals.h:
/usr/include/libxml2/libxml/SAX2.h:
/usr/include/libxml2/libxml/xlink.h:
/usr/include/libxml2/libxml/xmlmemory.h:
/usr/include/libxml2/libxml/threads.h:
src/cli/../code/sr_code.h:
src/cli/../code/../dict/sr_dict.h:
src/cli/../code/../dict/../text/sr_text.h:
src/cli/../code/../dict/../text/../util/sr_util.h:
src/cli/../code/../dict/../util/sr_util.h:
src/cli/../code/../parse/sr_parse.h:
src/cli/../code/../parse/../dict/sr_dict.h:
src/cli/../code/../parse/../text/sr_text.h:
src/cli/../code/../parse/../util/sr_util.h:
src/cli/../code/../util/sr_util.h:
src/cli/../dict/sr_dict.h:
src/cli/../input/sr_input.h:
src/cli/../input/../util/sr_util.h:
src/cli/../pipeline/sr_pipeline.h:
src/cli/../pipeline/../input/sr_input.h:
src/cli/../pipeline/../util/sr_util.h:
src/cli/cli.h:
