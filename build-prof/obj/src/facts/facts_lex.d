build-prof/obj/src/facts/facts_lex.o: src/facts/facts_lex.c \
 src/facts/facts_int.h src/facts/sr_facts.h src/facts/../text/sr_text.h \
 src/facts/../text/../util/sr_util.h src/facts/../util/sr_util.h
src/facts/facts_int.h:
src/facts/sr_facts.h:
src/facts/../text/sr_text.h:
src/facts/../text/../util/sr_util.h:
src/facts/../util/sr_util.h:
