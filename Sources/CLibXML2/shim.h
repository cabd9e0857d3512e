#include <libxml/xmlversion.h>
// libxml2's encoding.h pulls in ICU's headers when built with ICU; Foundation ships its own ICU, and the two
// module maps clash. We never touch the ICU-dependent fields, so leave them out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>
#include <libxml/HTMLparser.h>
