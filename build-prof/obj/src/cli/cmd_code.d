build-prof/obj/src/cli/cmd_code.o: src/cli/cmd_code.c \
 src/cli/../input/sr_input.h src/cli/../input/../util/sr_util.h \
 src/cli/../pipeline/sr_pipeline.h \
 src/cli/../pipeline/../input/sr_input.h \
 src/cli/../pipeline/../util/sr_util.h src/cli/cli.h
src/cli/../input/sr_input.h:
src/cli/../input/../util/sr_util.h:
src/cli/../pipeline/sr_pipeline.h:
src/cli/../pipeline/../input/sr_input.h:
src/cli/../pipeline/../util/sr_util.h:
src/cli/cli.h:
