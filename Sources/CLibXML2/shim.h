/* libxml2 for Jimu.
 * libxml2 on Debian is built with ICU, and <libxml/encoding.h> then includes the system's
 * <unicode/ucnv.h>, whose enums clash with the ICU copy inside Swift's Foundation. Jimu never
 * touches xmlCharEncodingHandler's ICU members, so the ICU part of the headers is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

/* Swift 6 refuses `xmlFree` (a global mutable function pointer) as not concurrency-safe. */
static inline void jimu_xml_free(void *pointer) { xmlFree(pointer); }
