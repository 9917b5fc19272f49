#define G_LOG_DOMAIN "sc-code-page"

#include "sc-code-page.h"

#include <glib/gi18n.h>

#include "sc-kb-render.h"
#include "sc-rfc-page.h"
#include "sc-section.h"
#include "sc-tooltip.h"

struct _ScCodePage
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  AdwClamp  *clamp;
  GtkLabel  *code_label;
  GtkLabel  *reason_label;
  GtkLabel  *name_label;
  GtkBox    *badges;
  GtkBox    *summaries;
  GtkGrid   *facts;
  GtkBox    *columns;
  GtkWidget *related_section;
  GtkLabel  *related_heading;
  GtkFlowBox *related_box;

  ScKbEntry *entry;
};

G_DEFINE_FINAL_TYPE (ScCodePage, sc_code_page, GTK_TYPE_WIDGET)

enum { SIGNAL_CODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
sc_code_page_dispose (GObject *object)
{
  ScCodePage *self = SC_CODE_PAGE (object);

  sc_section_dispose_children (GTK_WIDGET (self), SC_TYPE_CODE_PAGE);
  g_clear_object (&self->entry);
  G_OBJECT_CLASS (sc_code_page_parent_class)->dispose (object);
}

static void
sc_code_page_class_init (ScCodePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_code_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-code-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, clamp);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, code_label);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, badges);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, summaries);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, facts);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, columns);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, related_section);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, related_heading);
  gtk_widget_class_bind_template_child (widget_class, ScCodePage, related_box);

  /**
   * ScCodePage::code-activated:
   * A related code's button was pressed.
   */
  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sc_code_page_init (ScCodePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sc_code_page_new (void)
{
  return g_object_new (SC_TYPE_CODE_PAGE, NULL);
}

static void
add_badge (ScCodePage *self,
           const char *text,
           const char *css_class)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "badge");
  if (css_class != NULL)
    gtk_widget_add_css_class (badge, css_class);
  gtk_box_append (self->badges, badge);
}

static void
add_fact (ScCodePage *self,
          int         row,
          const char *label,
          GtkWidget  *value)
{
  GtkWidget *name = sc_section_text_label (label);

  /* Names and values share 360 px on a phone: both wrap. */
  gtk_label_set_width_chars (GTK_LABEL (name), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
  gtk_label_set_selectable (GTK_LABEL (name), FALSE);
  gtk_widget_set_hexpand (name, FALSE);
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_grid_attach (self->facts, name, 0, row, 1, 1);
  gtk_grid_attach (self->facts, value, 1, row, 1, 1);
}

static char *
rfc_markup (const ScKbRfcRef *ref,
            ScKbLang          lang)
{
  g_autofree char *text = sc_kb_render_rfc (ref, lang);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_autofree char *uri = sc_rfc_link_uri (ref->number, ref->section);

  /* The RFC text ships with the app: the link opens the section offline. */
  return g_strdup_printf ("<a href=\"%s\">%s</a>", uri, escaped);
}

static GtkWidget *
rfc_links (const ScKbFacts *facts,
           ScKbLang         lang)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  GtkWidget *label;

  for (guint i = 0; i < facts->rfcs->len; i++)
    {
      g_autofree char *link = rfc_markup (&g_array_index (facts->rfcs, ScKbRfcRef, i), lang);
      g_string_append_printf (markup, "%s%s", i ? (lang == SC_KB_LANG_JA ? "、" : ", ") : "", link);
    }
  label = sc_section_text_label (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  sc_rfc_link_connect (GTK_LABEL (label));
  return label;
}

static char *
join_terms (ScKbDatabase       *db,
            const char         *kind,
            const char * const *keys,
            ScKbLang            lang)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    g_strv_builder_add (builder, kind ? sc_kb_database_term (db, kind, keys[i], lang) : keys[i]);
  labels = g_strv_builder_end (builder);
  if (labels[0] == NULL)
    return g_strdup (sc_kb_database_term (db, "Label", "none", lang));
  return g_strjoinv (lang == SC_KB_LANG_JA ? "、" : ", ", labels);
}

static void
fill_facts (ScCodePage   *self,
            ScKbDatabase *db,
            ScKbLang      lang)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (self->entry);
  g_autofree char *senders = join_terms (db, "Sender", (const char * const *) facts->senders, lang);
  g_autofree char *headers = join_terms (db, NULL, (const char * const *) facts->headers, lang);
  g_autofree char *methods = join_terms (db, NULL, (const char * const *) facts->methods, lang);
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts))) != NULL)
    gtk_grid_remove (self->facts, child);
  if (facts->rfcs->len > 0)
    add_fact (self, row++, sc_kb_database_term (db, "Label", "rfc", lang), rfc_links (facts, lang));
  if (facts->obsoleted_rfcs->len > 0)
    {
      g_autoptr(GString) obsoleted = g_string_new (NULL);
      for (guint i = 0; i < facts->obsoleted_rfcs->len; i++)
        g_string_append_printf (obsoleted, "%sRFC %u", i ? ", " : "", g_array_index (facts->obsoleted_rfcs, guint, i));
      add_fact (self, row++, sc_kb_database_term (db, "Label", "obsoleted-rfc", lang), sc_section_text_label (obsoleted->str));
    }
  if (sc_kb_entry_get_text (self->entry, lang)->origin != NULL)
    add_fact (self, row++, sc_kb_database_term (db, "Label", "origin", lang),
              sc_section_text_label (sc_kb_entry_get_text (self->entry, lang)->origin));
  add_fact (self, row++, sc_kb_database_term (db, "Label", "senders", lang), sc_section_text_label (senders));
  add_fact (self, row++, sc_kb_database_term (db, "Label", "next-step", lang),
            sc_section_text_label (sc_kb_database_term (db, "NextStep", facts->next_step, lang)));
  add_fact (self, row++, sc_kb_database_term (db, "Label", "headers", lang), sc_section_text_label (headers));
  add_fact (self, row++, sc_kb_database_term (db, "Label", "methods", lang),
            sc_section_text_label (g_str_equal (methods, "*") ? sc_kb_database_term (db, "Label", "any-method", lang) : methods));
  if (facts->other_reasons[0] != NULL)
    {
      g_autofree char *others = join_terms (db, NULL, (const char * const *) facts->other_reasons, lang);
      add_fact (self, row++, sc_kb_database_term (db, "Label", "other-reasons", lang), sc_section_text_label (others));
    }
}

static void
fill_badges (ScCodePage   *self,
             ScKbDatabase *db,
             ScKbLang      lang)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (self->entry);
  g_autofree char *klass = g_strdup_printf ("%u", sc_kb_entry_get_class (self->entry));
  g_autofree char *class_css = g_strdup_printf ("class-%s", klass);

  sc_section_clear_box (self->badges);
  add_badge (self, sc_kb_database_term (db, "Class", klass, lang), class_css);
  add_badge (self, sc_kb_database_term (db, "Label", sc_kb_entry_is_final (self->entry) ? "final" : "provisional", lang), NULL);
  add_badge (self, sc_kb_database_term (db, "Status", facts->status, lang),
             g_str_equal (facts->status, "current") ? NULL : "warning");
}

/* One column per language: description, next step, causes, fixes, notes. */
static GtkWidget *
text_column (ScKbDatabase   *db,
             const ScKbText *text,
             ScKbLang        lang)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *section;

  section = sc_section_new (sc_kb_database_term (db, "Label", "description", lang));
  sc_section_add_paragraphs (SC_SECTION (section), text->description);
  gtk_box_append (GTK_BOX (column), section);
  section = sc_section_new (sc_kb_database_term (db, "Label", "next-step", lang));
  sc_section_add_paragraphs (SC_SECTION (section), text->next_step_detail);
  gtk_box_append (GTK_BOX (column), section);
  section = sc_section_new (sc_kb_database_term (db, "Label", "causes", lang));
  sc_section_add_bullets (SC_SECTION (section), (const char * const *) text->causes);
  gtk_box_append (GTK_BOX (column), section);
  section = sc_section_new (sc_kb_database_term (db, "Label", "fixes", lang));
  sc_section_add_bullets (SC_SECTION (section), (const char * const *) text->fixes);
  gtk_box_append (GTK_BOX (column), section);
  if (text->notes[0] != NULL)
    {
      section = sc_section_new (sc_kb_database_term (db, "Label", "notes", lang));
      sc_section_add_bullets (SC_SECTION (section), (const char * const *) text->notes);
      gtk_box_append (GTK_BOX (column), section);
    }
  gtk_widget_set_valign (column, GTK_ALIGN_START);
  return column;
}

static void
on_related_clicked (GtkButton  *button,
                    ScCodePage *self)
{
  g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0,
                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "code")));
}

static void
fill_related (ScCodePage   *self,
              ScKbDatabase *db,
              ScKbLang      lang)
{
  GArray *related = sc_kb_entry_get_facts (self->entry)->related;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->related_box))) != NULL)
    gtk_flow_box_remove (self->related_box, child);
  gtk_label_set_label (self->related_heading, sc_kb_database_term (db, "Label", "related", lang));
  gtk_widget_set_visible (self->related_section, related->len > 0);
  for (guint i = 0; i < related->len; i++)
    {
      guint code = g_array_index (related, guint, i);
      g_autoptr(ScKbEntry) other = sc_kb_database_lookup (db, code, NULL);
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (other == NULL)
        continue;
      /* In the content language: 「486 話中」 on a Japanese page. */
      label = g_strdup_printf ("%u %s", code, sc_kb_entry_get_text (other, lang)->name);
      button = gtk_button_new_with_label (label);
      sc_tooltip_set (button, sc_kb_entry_get_text (other, lang)->summary);
      g_object_set_data (G_OBJECT (button), "code", GUINT_TO_POINTER (code));
      g_signal_connect (button, "clicked", G_CALLBACK (on_related_clicked), self);
      gtk_flow_box_append (self->related_box, button);
    }
}

/**
 * sc_code_page_show:
 * @langs: the content languages, the primary one first (labels and facts use it)
 */
void
sc_code_page_show (ScCodePage     *self,
                   ScKbDatabase   *db,
                   ScKbEntry      *entry,
                   const ScKbLang *langs,
                   guint           n_langs)
{
  ScKbLang primary = langs[0];
  g_autofree char *code = g_strdup_printf ("%u", sc_kb_entry_get_code (entry));
  const char *name = sc_kb_entry_get_text (entry, SC_KB_LANG_JA)->name;

  g_return_if_fail (SC_IS_CODE_PAGE (self));

  g_set_object (&self->entry, entry);
  gtk_label_set_label (self->code_label, code);
  gtk_label_set_label (self->reason_label, sc_kb_entry_get_reason (entry));
  /* The Japanese name is part of the code's identity for everyone: always shown. */
  gtk_label_set_label (self->name_label, name);
  fill_badges (self, db, primary);

  /* One column of text reads best at about 80 characters; two languages side by side take more. */
  adw_clamp_set_maximum_size (self->clamp, n_langs > 1 ? 1100 : 820);
  sc_section_clear_box (self->summaries);
  sc_section_clear_box (self->columns);
  for (guint i = 0; i < n_langs; i++)
    {
      GtkWidget *summary = sc_section_text_label (sc_kb_entry_get_text (entry, langs[i])->summary);
      gtk_widget_add_css_class (summary, "summary");
      gtk_box_append (self->summaries, summary);
      GtkWidget *column = text_column (db, sc_kb_entry_get_text (entry, langs[i]), langs[i]);
      GtkWidget *sources = i == 0 ? sc_rfc_sources_section (db, sc_kb_entry_get_facts (entry)->citations, langs[i]) : NULL;

      if (sources != NULL)
        gtk_box_append (GTK_BOX (column), sources);
      gtk_box_append (self->columns, column);
    }
  fill_facts (self, db, primary);
  fill_related (self, db, primary);
  sc_rfc_link_mentions (GTK_WIDGET (self->columns), db);
  sc_rfc_link_mentions (GTK_WIDGET (self->summaries), db);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0.0);
}

/* Side-by-side languages stack on a narrow window. */
void
sc_code_page_set_narrow (ScCodePage *self,
                         gboolean    narrow)
{
  GtkOrientation orientation = narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  g_return_if_fail (SC_IS_CODE_PAGE (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns), orientation);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->summaries), orientation);
}

ScKbEntry *
sc_code_page_get_entry (ScCodePage *self)
{
  g_return_val_if_fail (SC_IS_CODE_PAGE (self), NULL);
  return self->entry;
}

/**
 * sc_code_page_get_text:
 * Returns: (transfer full): every text the page shows, in order (for tests and accessibility
 * checks).
 */
char *
sc_code_page_get_text (ScCodePage *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SC_IS_CODE_PAGE (self), NULL);
  sc_section_collect_text (GTK_WIDGET (self), out);
  return g_string_free (out, FALSE);
}
