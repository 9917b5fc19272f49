#pragma once

#include <gtk/gtk.h>

#include "sc-kb-database.h"

G_BEGIN_DECLS

#define SC_TYPE_RFC_PAGE (sc_rfc_page_get_type ())
G_DECLARE_FINAL_TYPE (ScRfcPage, sc_rfc_page, SC, RFC_PAGE, GtkWidget)

GtkWidget *sc_rfc_page_new  (void);
/* Shows RFC @number at section @id ("" for its contents). Fails, keeping what it showed, for
 * an RFC we do not ship or a section it lacks. */
gboolean   sc_rfc_page_show (ScRfcPage     *self,
                             ScKbDatabase  *db,
                             guint          number,
                             const char    *id,
                             GError       **error);

void       sc_rfc_page_set_narrow (ScRfcPage  *self,
                                   gboolean    narrow);

/* What the page shows: heading, document title and text, one per line. */
char      *sc_rfc_page_get_text (ScRfcPage  *self);

/* Internal links ("rfc:3261/16.8", "rfc:3262/") open in the app through the win.rfc action;
 * call on any label whose markup holds them. */
void       sc_rfc_link_connect (GtkLabel   *label);
char      *sc_rfc_link_uri     (guint       number,
                                const char *id);
/* Every "RFC 3261 §16.8" (or a shipped "RFC 8224") in the plain-text labels below @root
 * becomes a link that opens it. */
void       sc_rfc_link_mentions   (GtkWidget    *root,
                                   ScKbDatabase *db);
/* "Sources": each citation as a link to its section, what it supports and its quote; NULL
 * when there are none. */
GtkWidget *sc_rfc_sources_section (ScKbDatabase *db,
                                   GPtrArray    *citations,
                                   ScKbLang      lang);

G_END_DECLS
