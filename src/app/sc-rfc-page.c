#define G_LOG_DOMAIN "sc-rfc-page"

#include "sc-rfc-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-kb-error.h"
#include "sc-section.h"
#include "sc-tooltip.h"

struct _ScRfcPage
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  GtkLabel     *heading;
  GtkLabel     *document;
  GtkWidget    *previous_button;
  GtkWidget    *next_button;
  GtkWidget    *contents_button;
  GtkLabel     *body;

  ScKbRfc      *rfc;
  GHashTable   *shipped;     /* RFC numbers we can open */
  guint         index;       /* of the section shown */
  gboolean      narrow;
};

G_DEFINE_FINAL_TYPE (ScRfcPage, sc_rfc_page, GTK_TYPE_WIDGET)

char *
sc_rfc_link_uri (guint       number,
                 const char *id)
{
  return g_strdup_printf ("rfc:%u/%s", number, id ? id : "");
}

static gboolean
on_activate_link (GtkLabel   *label,
                  const char *uri,
                  gpointer    user_data)
{
  if (!g_str_has_prefix (uri, "rfc:"))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (label), "win.rfc", "s", uri);
  return TRUE;
}

void
sc_rfc_link_connect (GtkLabel *label)
{
  g_signal_connect (label, "activate-link", G_CALLBACK (on_activate_link), NULL);
}

static GHashTable *
shipped_rfcs (ScKbDatabase *db)
{
  GHashTable *shipped = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) list = sc_kb_database_list_rfcs (db, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_hash_table_add (shipped, GUINT_TO_POINTER (((ScKbRfcHit *) g_ptr_array_index (list, i))->number));
  return shipped;
}

/* @text as markup, its mentions of RFCs we ship made links; NULL when it has none. */
static char *
mentions_markup (const char *text,
                 GHashTable *shipped)
{
  g_autoptr(GArray) mentions = sc_kb_rfc_find_mentions (text);
  g_autoptr(GString) out = g_string_new (NULL);
  gsize done = 0;
  guint linked = 0;

  for (guint i = 0; i < mentions->len; i++)
    {
      const ScKbRfcLink *m = &g_array_index (mentions, ScKbRfcLink, i);
      g_autofree char *before = g_markup_escape_text (text + done, m->start - done);
      g_autofree char *shown = g_markup_escape_text (text + m->start, m->end - m->start);
      g_autofree char *uri = sc_rfc_link_uri (m->number, m->id);

      g_string_append (out, before);
      if (g_hash_table_contains (shipped, GUINT_TO_POINTER (m->number)))
        {
          g_string_append_printf (out, "<a href=\"%s\">%s</a>", uri, shown);
          linked++;
        }
      else
        g_string_append (out, shown);
      done = m->end;
    }
  if (linked == 0)
    return NULL;
  {
    g_autofree char *rest = g_markup_escape_text (text + done, -1);
    g_string_append (out, rest);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
link_mentions (GtkWidget  *widget,
               GHashTable *shipped)
{
  if (GTK_IS_LABEL (widget) && !gtk_label_get_use_markup (GTK_LABEL (widget)) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), "RFC") != NULL)
    {
      g_autofree char *markup = mentions_markup (gtk_label_get_text (GTK_LABEL (widget)), shipped);
      if (markup != NULL)
        {
          gtk_label_set_markup (GTK_LABEL (widget), markup);
          sc_rfc_link_connect (GTK_LABEL (widget));
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    link_mentions (child, shipped);
}

void
sc_rfc_link_mentions (GtkWidget    *root,
                      ScKbDatabase *db)
{
  g_autoptr(GHashTable) shipped = shipped_rfcs (db);

  link_mentions (root, shipped);
}

/* The keys a citation may support, in the order the pages show them, with the heading each
 * appears under: "Fix2" → "How to fix it". */
static const struct { const char *prefix, *label; } key_labels[] = {
  { "Summary", "summary" }, { "Description", "description" }, { "NextStep", "next-step" },
  { "Senders", "senders" }, { "Headers", "headers" }, { "Methods", "methods" },
  { "Cause", "causes" }, { "Fix", "fixes" }, { "Note", "notes" },
  { "Difference", "differences" }, { "When", "when" },
};

static guint
key_rank (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_labels); i++)
    if (g_str_has_prefix (key, key_labels[i].prefix))
      return i;
  return G_N_ELEMENTS (key_labels);
}

static const char *
key_label (ScKbDatabase *db,
           const char   *key,
           ScKbLang      lang)
{
  guint rank = key_rank (key);

  return rank < G_N_ELEMENTS (key_labels) ? sc_kb_database_term (db, "Label", key_labels[rank].label, lang) : key;
}

static int
compare_citations (gconstpointer a,
                   gconstpointer b)
{
  const ScKbCitation *x = *(ScKbCitation * const *) a, *y = *(ScKbCitation * const *) b;
  guint rx = key_rank (x->key), ry = key_rank (y->key);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return g_strcmp0 (x->key, y->key);   /* Cause1 before Cause2 */
}

GtkWidget *
sc_rfc_sources_section (ScKbDatabase *db,
                        GPtrArray    *citations,
                        ScKbLang      lang)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GtkWidget *section;

  if (citations == NULL || citations->len == 0)
    return NULL;
  /* In page order (the sort is stable: one key's sources keep the order they were written in). */
  sorted = g_ptr_array_copy (citations, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);   /* the copy borrows; it would inherit the free function */
  g_ptr_array_sort (sorted, compare_citations);
  section = sc_section_new (sc_kb_database_term (db, "Label", "sources", lang));
  for (guint i = 0; i < sorted->len; i++)
    {
      const ScKbCitation *citation = g_ptr_array_index (sorted, i);
      g_autofree char *uri = sc_rfc_link_uri (citation->rfc, citation->section);
      g_autofree char *where = g_markup_escape_text (key_label (db, citation->key, lang), -1);
      g_autofree char *quote = g_markup_escape_text (citation->quote, -1);
      g_autofree char *markup = g_strdup_printf ("• <a href=\"%s\">RFC %u §%s</a> (%s): “%s”", uri, citation->rfc,
                                                 citation->section, where, quote);
      GtkWidget *label = sc_section_text_label (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      sc_rfc_link_connect (GTK_LABEL (label));
      gtk_box_append (GTK_BOX (section), label);
    }
  return section;
}

static void
activate_section (ScRfcPage *self,
                  guint      index)
{
  const ScKbRfcSection *section = g_ptr_array_index (self->rfc->sections, index);
  g_autofree char *uri = sc_rfc_link_uri (self->rfc->number, section->id);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.rfc", "s", uri);
}

static void
on_previous (ScRfcPage *self)
{
  if (self->rfc != NULL && self->index > 0)
    activate_section (self, self->index - 1);
}

static void
on_next (ScRfcPage *self)
{
  if (self->rfc != NULL && self->index + 1 < self->rfc->sections->len)
    activate_section (self, self->index + 1);
}

static void
on_contents (ScRfcPage *self)
{
  if (self->rfc != NULL)
    activate_section (self, 0);
}

/* The text, escaped, with every reference we can open made a link. */
static char *
linked_markup (ScRfcPage  *self,
               const char *text)
{
  g_autoptr(GArray) links = sc_kb_rfc_find_links (self->rfc->number, text);
  GString *out = g_string_new (NULL);
  gsize done = 0;

  for (guint i = 0; i < links->len; i++)
    {
      const ScKbRfcLink *link = &g_array_index (links, ScKbRfcLink, i);
      g_autofree char *before = g_markup_escape_text (text + done, link->start - done);
      g_autofree char *shown = g_markup_escape_text (text + link->start, link->end - link->start);
      gboolean same = link->number == self->rfc->number;
      gboolean opens = same ? (*link->id && sc_kb_rfc_find (self->rfc, link->id) != NULL)
                            : g_hash_table_contains (self->shipped, GUINT_TO_POINTER (link->number));

      g_string_append (out, before);
      if (opens)
        {
          g_autofree char *uri = sc_rfc_link_uri (link->number, link->id);
          g_string_append_printf (out, "<a href=\"%s\">%s</a>", uri, shown);
        }
      else
        g_string_append (out, shown);
      done = link->end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + done, -1);
    g_string_append (out, rest);
  }
  return g_string_free (out, FALSE);
}

/* The widest id among the sections of @depth, so that their titles line up. */
static int
id_width (const ScKbRfc *rfc,
          guint          depth)
{
  int width = 0;

  for (guint i = 1; i < rfc->sections->len; i++)
    {
      const ScKbRfcSection *s = g_ptr_array_index (rfc->sections, i);
      if (s->depth == depth)
        width = MAX (width, (int) strlen (s->id));
    }
  return width;
}

static void
append_section_line (ScRfcPage            *self,
                     GString              *out,
                     const ScKbRfcSection *section,
                     guint                 indent)
{
  g_autofree char *uri = sc_rfc_link_uri (self->rfc->number, section->id);
  g_autofree char *title = g_markup_escape_text (section->title, -1);
  int pad = id_width (self->rfc, section->depth) - (int) strlen (section->id);

  g_string_append_printf (out, "%*s<a href=\"%s\">%s</a>%*s  %s\n", indent, "", uri, section->id,
                          MAX (pad, 0), "", title);
}

/* The abstract, from the front matter: the lines under "Abstract" up to the next heading at
 * the margin. NULL when the copy has none. */
static char *
abstract_of (const ScKbRfc *rfc)
{
  const ScKbRfcSection *front = g_ptr_array_index (rfc->sections, 0);
  const char *start = strstr (front->text, "\nAbstract\n");
  g_autoptr(GString) out = g_string_new (NULL);

  if (start == NULL)
    return NULL;
  start += strlen ("\nAbstract\n");
  for (const char *line = start; *line != '\0';)
    {
      const char *end = strchr (line, '\n');
      gsize len = end ? (gsize) (end - line) : strlen (line);

      if (len > 0 && !g_ascii_isspace (*line))
        break;
      g_string_append_len (out, line, len);
      g_string_append_c (out, '\n');
      line = end ? end + 1 : line + len;
    }
  /* Blank lines off both ends; the first line keeps its indentation. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  while (out->len > 0 && out->str[0] == '\n')
    g_string_erase (out, 0, 1);
  return out->len > 0 ? g_strdup (out->str) : NULL;
}

static guint
indent_of (const char *line)
{
  return strspn (line, " ");
}

/* Plain prose: its lines after the first share one indentation, at least the first's, and no
 * line aligns anything (tables, figures, ABNF) with runs of spaces or rules. */
static gboolean
is_prose (char **lines)
{
  guint first = indent_of (lines[0]);
  guint rest = lines[1] ? indent_of (lines[1]) : first;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *text = lines[i] + indent_of (lines[i]);
      if ((i > 0 && indent_of (lines[i]) != rest) || strstr (text, "   ") != NULL ||
          strpbrk (text, "|") != NULL || strstr (text, "+--") != NULL || strstr (text, "---") != NULL)
        return FALSE;
    }
  return rest >= first;
}

/* On a narrow window the RFC's 72 columns do not fit: each paragraph of prose becomes one line
 * that the label wraps; figures and tables keep their lines. */
static char *
reflow (const char *text)
{
  g_auto(GStrv) blocks = g_strsplit (text, "\n\n", -1);
  GString *out = g_string_new (NULL);

  for (guint b = 0; blocks[b] != NULL; b++)
    {
      g_auto(GStrv) lines = g_strsplit (blocks[b], "\n", -1);

      if (b > 0)
        g_string_append (out, "\n\n");
      if (lines[0] == NULL || !is_prose (lines))
        {
          g_string_append (out, blocks[b]);
          continue;
        }
      g_string_append (out, lines[0]);
      for (guint i = 1; lines[i] != NULL; i++)
        {
          g_string_append_c (out, ' ');
          g_string_append (out, lines[i] + indent_of (lines[i]));
        }
    }
  return g_string_free (out, FALSE);
}

/* The contents, or a section's text followed by its subsections. */
static char *
body_markup (ScRfcPage *self)
{
  const ScKbRfcSection *section = g_ptr_array_index (self->rfc->sections, self->index);
  g_autofree char *prefix = g_strconcat (section->id, ".", NULL);
  GString *out = g_string_new (NULL);

  if (self->index == 0)
    {
      g_autofree char *abstract = abstract_of (self->rfc);

      if (abstract != NULL)
        {
          g_autofree char *shown = self->narrow ? reflow (abstract) : g_strdup (abstract);
          g_autofree char *text = linked_markup (self, shown);
          g_string_append_printf (out, "%s\n\n", text);
        }
      for (guint i = 1; i < self->rfc->sections->len; i++)
        {
          const ScKbRfcSection *s = g_ptr_array_index (self->rfc->sections, i);
          append_section_line (self, out, s, (s->depth - 1) * 3);
        }
      return g_string_free (out, FALSE);
    }
  {
    g_autofree char *shown = self->narrow ? reflow (section->text) : g_strdup (section->text);
    g_autofree char *text = linked_markup (self, shown);
    g_string_append (out, text);
  }
  for (guint i = self->index + 1; i < self->rfc->sections->len; i++)
    {
      const ScKbRfcSection *s = g_ptr_array_index (self->rfc->sections, i);
      if (!g_str_has_prefix (s->id, prefix))
        break;
      if (s->depth == section->depth + 1)
        {
          if (out->len > 0 && i == self->index + 1)
            g_string_append (out, "\n\n");
          append_section_line (self, out, s, 3);
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
load (ScRfcPage     *self,
      ScKbDatabase  *db,
      guint          number,
      GError       **error)
{
  ScKbRfc *rfc;

  if (self->rfc != NULL && self->rfc->number == number)
    return TRUE;
  if (!(rfc = sc_kb_database_get_rfc (db, number, error)))
    return FALSE;
  g_clear_pointer (&self->rfc, sc_kb_rfc_free);
  self->rfc = rfc;
  if (self->shipped == NULL)
    self->shipped = shipped_rfcs (db);
  return TRUE;
}

gboolean
sc_rfc_page_show (ScRfcPage     *self,
                  ScKbDatabase  *db,
                  guint          number,
                  const char    *id,
                  GError       **error)
{
  g_autofree char *heading = NULL;
  g_autofree char *markup = NULL;
  const ScKbRfcSection *section;
  guint index = 0;

  g_return_val_if_fail (SC_IS_RFC_PAGE (self), FALSE);

  if (!load (self, db, number, error))
    return FALSE;
  for (index = 0; index < self->rfc->sections->len; index++)
    if (g_str_equal (((ScKbRfcSection *) g_ptr_array_index (self->rfc->sections, index))->id, id))
      break;
  if (index == self->rfc->sections->len)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_NOT_FOUND, _("RFC %u has no section %s"), number, id);
      return FALSE;
    }
  self->index = index;
  section = g_ptr_array_index (self->rfc->sections, index);
  heading = index == 0 ? g_strdup_printf (_("RFC %u Contents"), number)
                       : g_strdup_printf ("RFC %u §%s  %s", number, section->id, section->title);
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->document, self->rfc->title);
  markup = body_markup (self);
  gtk_label_set_markup (self->body, markup);
  gtk_widget_set_sensitive (self->previous_button, index > 0);
  gtk_widget_set_sensitive (self->next_button, index + 1 < self->rfc->sections->len);
  gtk_widget_set_visible (self->contents_button, index > 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0.0);
  return TRUE;
}

static void
apply_narrow (ScRfcPage *self)
{
  g_autofree char *markup = NULL;

  gtk_label_set_wrap (self->body, self->narrow);
  gtk_label_set_wrap_mode (self->body, PANGO_WRAP_WORD_CHAR);
  if (self->rfc == NULL)
    return;
  markup = body_markup (self);
  gtk_label_set_markup (self->body, markup);
}

/* Narrow: prose paragraphs wrap to the window instead of scrolling sideways. */
void
sc_rfc_page_set_narrow (ScRfcPage *self,
                        gboolean   narrow)
{
  g_return_if_fail (SC_IS_RFC_PAGE (self));
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  apply_narrow (self);
}

char *
sc_rfc_page_get_text (ScRfcPage *self)
{
  g_return_val_if_fail (SC_IS_RFC_PAGE (self), NULL);
  return g_strjoin ("\n", gtk_label_get_text (self->heading), gtk_label_get_text (self->document),
                    gtk_label_get_text (self->body), NULL);
}

static void
sc_rfc_page_dispose (GObject *object)
{
  ScRfcPage *self = SC_RFC_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_RFC_PAGE);
  g_clear_pointer (&self->rfc, sc_kb_rfc_free);
  g_clear_pointer (&self->shipped, g_hash_table_unref);
  G_OBJECT_CLASS (sc_rfc_page_parent_class)->dispose (object);
}

static void
sc_rfc_page_class_init (ScRfcPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_rfc_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-rfc-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScRfcPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScRfcPage, heading);
  gtk_widget_class_bind_template_child (widget_class, ScRfcPage, document);
  gtk_widget_class_bind_template_child (widget_class, ScRfcPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, ScRfcPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, ScRfcPage, contents_button);
  gtk_widget_class_bind_template_child (widget_class, ScRfcPage, body);
  gtk_widget_class_bind_template_callback (widget_class, on_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_next);
  gtk_widget_class_bind_template_callback (widget_class, on_contents);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sc_rfc_page_init (ScRfcPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sc_tooltip_set (self->previous_button, _("Previous Section"));
  sc_tooltip_set (self->next_button, _("Next Section"));
  sc_rfc_link_connect (self->body);
}

GtkWidget *
sc_rfc_page_new (void)
{
  return g_object_new (SC_TYPE_RFC_PAGE, NULL);
}
