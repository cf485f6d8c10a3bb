/* libxml2, opened on first use (see sr_lazy_lib in src/util/sr_util.h):
 * only `sitrep validate` on PETRARCH's XML needs it, and it pulls in ICU.
 * Every xml function cmd_validate.c calls has its forwarder here. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "cli.h"

#define XML_FUNCS(F, V, S)                                                                    \
    F(xmlParserCtxtPtr, xmlNewParserCtxt, (void), (), NULL)                                   \
    F(xmlDocPtr, xmlCtxtReadFile, (xmlParserCtxtPtr c, const char *f, const char *e, int o),  \
      (c, f, e, o), NULL)                                                                     \
    F(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *d), (d), NULL)                         \
    F(long, xmlGetLineNo, (const xmlNode *n), (n), -1)                                        \
    F(xmlChar *, xmlGetProp, (const xmlNode *n, const xmlChar *name), (n, name), NULL)        \
    F(xmlChar *, xmlNodeGetContent, (const xmlNode *n), (n), NULL)                            \
    V(xmlCheckVersion, (int v), (v))                                                          \
    V(xmlSetStructuredErrorFunc, (void *c, xmlStructuredErrorFunc h), (c, h))                 \
    V(xmlFreeDoc, (xmlDocPtr d), (d))                                                         \
    V(xmlFreeParserCtxt, (xmlParserCtxtPtr c), (c))                                           \
    V(xmlCleanupParser, (void), ())                                                           \
    S(xmlFree)

SR_LAZY_DEFINE(XML_FUNCS, "sitrep validate on XML", "libxml2.so.2", "libxml2.so")

/* libxml2's xmlFree is a variable holding its deallocator, not a
 * function: ours takes its value once the library is loaded.  Until then
 * nothing libxml2 allocated can exist, and it frees nothing. */
static void free_nothing(void *p) { (void)p; }
xmlFreeFunc xmlFree = free_nothing;

int cli_xml_load(sr_error *err)
{
    int rc = sr_lazy_load(&lazy_lib, err);
    if (!rc) {
        /* The "function" loaded for xmlFree is the variable's address. */
        void *var;
        memcpy(&var, &lazy_fns[SR_LAZY_I_xmlFree], sizeof var);
        xmlFree = *(xmlFreeFunc *)var;
    }
    return rc;
}
