#define G_LOG_DOMAIN "sc-kb-rfc"

#include "sc-kb-rfc.h"

#include <string.h>

#include "sc-kb-error.h"

/* Page furniture is replaced by this marker: it counts as a blank line for finding headings
 * and is dropped from the text. */
#define PAGE_BREAK ((char *) "\f")

/* Compiled once: an RFC has thousands of lines, and a page hundreds of labels, each tested
 * against them. */
enum { REGEX_HEADING, REGEX_FOOTER, REGEX_HEADER, REGEX_LINK, REGEX_MENTION, N_REGEXES };

static GRegex *
regex (guint which)
{
  static gsize once;
  static GRegex *regexes[N_REGEXES];

  if (g_once_init_enter (&once))
    {
      regexes[REGEX_HEADING] = g_regex_new ("^(?:Appendix\\s+)?([0-9]+|[A-Z])((?:\\.[0-9]+)*)\\.?(?:\\s+(\\S.*))?$",
                                            G_REGEX_OPTIMIZE, 0, NULL);
      regexes[REGEX_FOOTER] = g_regex_new ("\\[Page [0-9]+\\]\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
      regexes[REGEX_HEADER] = g_regex_new ("^RFC [0-9]+ {2,}.*\\S {2,}.*[0-9]{4}\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
      /* "Section 16.8", "Section 8.1 of [RFC3261]", "[RFC3262]", "RFC 3262": in an RFC's text */
      regexes[REGEX_LINK] = g_regex_new ("\\b[Ss]ections?\\s+((?:[0-9]+|[A-Z])(?:\\.[0-9]+)*)"
                                         "(?:\\s+of\\s+\\[?RFC\\s?([0-9]{3,5})\\]?)?"
                                         "|\\[RFC\\s?([0-9]{3,5})\\]|\\bRFC\\s([0-9]{3,5})\\b",
                                         G_REGEX_OPTIMIZE, 0, NULL);
      /* "RFC 3261", "RFC 3261 §16.8", "RFC 5626, §11.6": in the text of data/ */
      regexes[REGEX_MENTION] = g_regex_new ("RFC ?([0-9]{3,5})(?:,? ?(?:§ ?|[Ss]ection )([0-9A-Z]+(?:\\.[0-9]+)*))?",
                                            G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  return regexes[which];
}

static gboolean
is_page_furniture (const char *line)
{
  return (strstr (line, "[Page ") != NULL && g_regex_match (regex (REGEX_FOOTER), line, 0, NULL)) ||
         (g_str_has_prefix (line, "RFC ") && g_regex_match (regex (REGEX_HEADER), line, 0, NULL));
}

static gboolean
is_blank (const char *line)
{
  return line == PAGE_BREAK || *line == '\0' || strspn (line, " \t") == strlen (line);
}

/* The RFC's running page header ("RFC 8224   SIP Identity   February 2018") holds its short
 * title between the number and the date. */
static char *
title_from_header (const char *line)
{
  g_auto(GStrv) parts = g_regex_split_simple (" {2,}", line, 0, 0);
  guint n = g_strv_length (parts);

  return n >= 3 ? g_strstrip (g_strdup (parts[1])) : NULL;
}

/* Lines without page headers, footers and form feeds; each page break one PAGE_BREAK. */
static GPtrArray *
clean_lines (char **lines,
             char **title)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *ff;

      while ((ff = strchr (line, '\f')) != NULL)
        memmove (ff, ff + 1, strlen (ff));
      g_strchomp (line);
      if (is_page_furniture (line))
        {
          if (*title == NULL && g_str_has_prefix (line, "RFC "))
            *title = title_from_header (line);
          while (out->len > 0 && is_blank (g_ptr_array_index (out, out->len - 1)) &&
                 g_ptr_array_index (out, out->len - 1) != PAGE_BREAK)
            g_ptr_array_set_size (out, out->len - 1);
          if (out->len == 0 || g_ptr_array_index (out, out->len - 1) != PAGE_BREAK)
            g_ptr_array_add (out, PAGE_BREAK);
          continue;
        }
      if (out->len > 0 && g_ptr_array_index (out, out->len - 1) == PAGE_BREAK && is_blank (line))
        continue;
      g_ptr_array_add (out, line);
    }
  return out;
}

/* A heading stands alone: a blank line before it and after it, with at most one indented
 * continuation of a long title. This keeps numbered list items out, also in copies whose body
 * text starts at the margin. */
static gboolean
has_heading_shape (GPtrArray *lines,
                   guint      i)
{
  const char *line = g_ptr_array_index (lines, i);
  guint next = i + 1;

  if (*line == '\0' || g_ascii_isspace (*line) || line == PAGE_BREAK)
    return FALSE;
  if (i > 0 && !is_blank (g_ptr_array_index (lines, i - 1)))
    return FALSE;
  if (next < lines->len && !is_blank (g_ptr_array_index (lines, next)) &&
      g_ascii_isspace (*(const char *) g_ptr_array_index (lines, next)))
    next++;
  return next >= lines->len || is_blank (g_ptr_array_index (lines, next));
}

static char *
increment (const char *component)
{
  if (g_ascii_isdigit (*component))
    return g_strdup_printf ("%u", (guint) g_ascii_strtoull (component, NULL, 10) + 1);
  return g_strdup_printf ("%c", *component + 1);
}

/* Numbers only move forward: to the first child, the next sibling or an ancestor's next
 * sibling; appendix A may follow any numbered section. A "3." inside the text is not a
 * heading unless it is where the numbering would go next. */
static gboolean
is_successor (GStrv last,
              GStrv candidate)
{
  guint n_last = last ? g_strv_length (last) : 0;
  guint n_cand = g_strv_length (candidate);

  if (n_last == 0)
    return n_cand == 1 && g_str_equal (candidate[0], "1");
  if (n_cand == n_last + 1 && g_str_equal (candidate[n_cand - 1], "1"))
    {
      for (guint i = 0; i < n_last; i++)
        if (!g_str_equal (last[i], candidate[i]))
          return FALSE;
      return TRUE;
    }
  if (n_cand == 1 && g_str_equal (candidate[0], "A") && g_ascii_isdigit (*last[0]))
    return TRUE;
  if (n_cand > n_last)
    return FALSE;
  for (guint i = 0; i + 1 < n_cand; i++)
    if (!g_str_equal (last[i], candidate[i]))
      return FALSE;
  {
    g_autofree char *next = increment (last[n_cand - 1]);
    return g_str_equal (next, candidate[n_cand - 1]);
  }
}

ScKbRfcSection *
sc_kb_rfc_section_new (const char *id,
                       const char *title,
                       guint       depth)
{
  ScKbRfcSection *section = g_new0 (ScKbRfcSection, 1);

  section->id = g_strdup (id);
  section->title = g_strdup (title);
  section->depth = depth;
  return section;
}

void
sc_kb_rfc_section_free (ScKbRfcSection *section)
{

  g_free (section->id);
  g_free (section->title);
  g_free (section->text);
  g_free (section);
}

/* Ends a section: its lines joined, blank lines at either end trimmed. */
static void
section_close (ScKbRfcSection *section,
               GString        *body)
{
  const char *start = body->str;
  gsize len;

  while (*start == '\n')
    start++;
  len = strlen (start);
  while (len > 0 && (start[len - 1] == '\n' || start[len - 1] == ' '))
    len--;
  section->text = g_strndup (start, len);
  g_string_truncate (body, 0);
}

static gboolean
match_heading (GPtrArray *lines,
               guint      i,
               GStrv      last,
               GStrv     *out_parts,
               char     **out_title)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *first = NULL, *rest = NULL, *title = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) subs = NULL;

  if (!has_heading_shape (lines, i) ||
      !g_regex_match (regex (REGEX_HEADING), g_ptr_array_index (lines, i), 0, &match))
    return FALSE;
  first = g_match_info_fetch (match, 1);
  rest = g_match_info_fetch (match, 2);
  title = g_match_info_fetch (match, 3);
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, first);
  subs = g_strsplit (rest, ".", -1);
  for (guint k = 0; subs[k] != NULL; k++)
    if (*subs[k] != '\0')
      g_strv_builder_add (builder, subs[k]);
  parts = g_strv_builder_end (builder);
  if (!is_successor (last, parts))
    return FALSE;
  if (i + 1 < lines->len && !is_blank (g_ptr_array_index (lines, i + 1)))
    {
      g_autofree char *more = g_strstrip (g_strdup (g_ptr_array_index (lines, i + 1)));
      char *joined = g_strconcat (title ? title : "", " ", more, NULL);

      g_free (title);
      title = joined;
    }
  *out_parts = g_steal_pointer (&parts);
  *out_title = g_strstrip (g_steal_pointer (&title) ?: g_strdup (""));
  return TRUE;
}

/* The blank line between paragraphs is lost with the page furniture around it: a short line
 * ending a sentence just before a page break most likely ended its paragraph. */
static gboolean
ends_paragraph (GString *body)
{
  const char *last;

  if (body->len < 2 || body->str[body->len - 1] != '\n' || body->str[body->len - 2] == '\n')
    return FALSE;
  last = g_strrstr_len (body->str, body->len - 1, "\n");
  last = last ? last + 1 : body->str;
  return (body->str[body->len - 2] == '.' || body->str[body->len - 2] == ':') &&
         (body->str + body->len - 1) - last < 62;
}

/* The title is the block of lines just above the first heading of the front matter. */
static char *
title_above_abstract (GPtrArray *lines)
{
  static const char * const front_headings[] = { "Abstract", "Status of this Memo", "Status of This Memo",
                                                 "IESG Note", "Copyright Notice", NULL };

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      if (line != PAGE_BREAK && g_strv_contains (front_headings, line))
        {
          g_autoptr(GString) title = g_string_new (NULL);
          guint start = i;

          while (start > 0 && is_blank (g_ptr_array_index (lines, start - 1)))
            start--;
          while (start > 0 && !is_blank (g_ptr_array_index (lines, start - 1)))
            start--;
          for (guint k = start; k < i && !is_blank (g_ptr_array_index (lines, k)); k++)
            {
              g_autofree char *part = g_strstrip (g_strdup (g_ptr_array_index (lines, k)));
              g_string_append_printf (title, "%s%s", title->len ? " " : "", part);
            }
          return title->len ? g_string_free (g_steal_pointer (&title), FALSE) : NULL;
        }
    }
  return NULL;
}

/* One string per line. By hand with memchr: g_strsplit() searches with strstr(), which a
 * sanitizer build checks by measuring the whole rest of the text on every line. */
static GStrv
split_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new ();
  const char *end = text + strlen (text);

  for (const char *line = text; line <= end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *stop = newline ? newline : end;

      g_ptr_array_add (lines, g_strndup (line, stop - line));
      line = stop + 1;
    }
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (lines, FALSE);
}

/**
 * sc_kb_rfc_parse:
 * Splits the plain text of RFC @number into its sections. Fails if no section 1 is found.
 */
ScKbRfc *
sc_kb_rfc_parse (guint        number,
                 const char  *text,
                 GError     **error)
{
  g_autoptr(ScKbRfc) rfc = g_new0 (ScKbRfc, 1);
  g_auto(GStrv) raw = split_lines (text);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) last = NULL;
  char **first = raw;
  g_autofree char *short_title = NULL;
  ScKbRfcSection *current;

  rfc->number = number;
  rfc->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_rfc_section_free);
  if (raw[0] != NULL && g_str_has_prefix (raw[0], "# source:"))
    {
      rfc->origin = g_strstrip (g_strdup (raw[0] + strlen ("# source:")));
      first++;
    }
  else
    rfc->origin = g_strdup ("");
  lines = clean_lines (first, &short_title);
  rfc->title = title_above_abstract (lines);
  if (rfc->title == NULL)
    rfc->title = g_steal_pointer (&short_title);
  if (rfc->title == NULL)
    rfc->title = g_strdup_printf ("RFC %u", number);

  current = sc_kb_rfc_section_new ("", rfc->title, 0);
  g_ptr_array_add (rfc->sections, current);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_auto(GStrv) parts = NULL;
      g_autofree char *title = NULL;

      if (match_heading (lines, i, last, &parts, &title))
        {
          g_autofree char *id = g_strjoinv (".", parts);

          section_close (current, body);
          current = sc_kb_rfc_section_new (id, title, g_strv_length (parts));
          g_ptr_array_add (rfc->sections, current);
          g_strfreev (last);
          last = g_steal_pointer (&parts);
          /* A wrapped title's second line belongs to the heading, not the text. */
          if (i + 1 < lines->len && !is_blank (g_ptr_array_index (lines, i + 1)))
            i++;
          continue;
        }
      if (line != PAGE_BREAK)
        g_string_append_printf (body, "%s\n", line);
      else if (ends_paragraph (body))
        g_string_append_c (body, '\n');
      else if (ends_paragraph (body))
        g_string_append_c (body, '\n');
    }
  section_close (current, body);

  if (rfc->sections->len < 2)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_SOURCE,
                   "RFC %u: no numbered sections found (is this the RFC's plain text?)", number);
      return NULL;
    }
  return g_steal_pointer (&rfc);
}

/**
 * sc_kb_rfc_load:
 * Reads and parses data/rfc/rfcNNNN.txt.
 */
ScKbRfc *
sc_kb_rfc_load (const char  *path,
                guint        number,
                GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_SOURCE, "%s", local_error->message);
      return NULL;
    }
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_SOURCE, "%s: not UTF-8 text", path);
      return NULL;
    }
  return sc_kb_rfc_parse (number, contents, error);
}

const ScKbRfcSection *
sc_kb_rfc_find (const ScKbRfc *rfc,
                const char    *id)
{
  for (guint i = 0; i < rfc->sections->len; i++)
    {
      const ScKbRfcSection *section = g_ptr_array_index (rfc->sections, i);
      if (g_str_equal (section->id, id))
        return section;
    }
  return NULL;
}

/**
 * sc_kb_rfc_collapse_space:
 * Every run of white space as one space, ends trimmed; a word hyphenated across a line break
 * ("end-to-\n   end") joined again.
 */
char *
sc_kb_rfc_collapse_space (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          gboolean newline = FALSE;
          const char *q = p;

          for (; g_ascii_isspace (*q); q++)
            newline |= *q == '\n';
          if (newline && out->len > 0 && out->str[out->len - 1] == '-')
            space = FALSE;
          else
            space = out->len > 0;
          p = q - 1;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

gboolean
sc_kb_rfc_section_quotes (const ScKbRfcSection *section,
                          const char           *quote)
{
  g_autofree char *text = sc_kb_rfc_collapse_space (section->text);
  g_autofree char *needle = sc_kb_rfc_collapse_space (quote);

  return *needle != '\0' && strstr (text, needle) != NULL;
}

static void
link_clear (gpointer data)
{
  g_clear_pointer (&((ScKbRfcLink *) data)->id, g_free);
}

/**
 * sc_kb_rfc_find_links:
 * Returns: (element-type ScKbRfcLink): the references in @text, in order, not overlapping.
 */
GArray *
sc_kb_rfc_find_links (guint       number,
                      const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  GArray *links = g_array_new (FALSE, TRUE, sizeof (ScKbRfcLink));

  g_array_set_clear_func (links, link_clear);
  for (g_regex_match (regex (REGEX_LINK), text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *section = g_match_info_fetch (match, 1);
      g_autofree char *other = g_match_info_fetch (match, 2);
      g_autofree char *bracketed = g_match_info_fetch (match, 3);
      g_autofree char *bare = g_match_info_fetch (match, 4);
      ScKbRfcLink link = { 0 };
      int start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      link.start = start;
      link.end = end;
      if (section != NULL && *section != '\0')
        {
          link.number = other && *other ? (guint) g_ascii_strtoull (other, NULL, 10) : number;
          link.id = g_strdup (section);
        }
      else
        {
          link.number = (guint) g_ascii_strtoull (bracketed && *bracketed ? bracketed : bare, NULL, 10);
          link.id = g_strdup ("");
        }
      g_array_append_val (links, link);
    }
  return links;
}

/**
 * sc_kb_rfc_find_mentions:
 * Returns: (element-type ScKbRfcLink): the RFCs @text names, in order.
 */
GArray *
sc_kb_rfc_find_mentions (const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  GArray *mentions = g_array_new (FALSE, TRUE, sizeof (ScKbRfcLink));

  g_array_set_clear_func (mentions, link_clear);
  for (g_regex_match (regex (REGEX_MENTION), text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);
      g_autofree char *section = g_match_info_fetch (match, 2);
      ScKbRfcLink mention = { 0 };
      int start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      mention.start = start;
      mention.end = end;
      mention.number = (guint) g_ascii_strtoull (number, NULL, 10);
      mention.id = g_strdup (section ? section : "");
      g_array_append_val (mentions, mention);
    }
  return mentions;
}

char *
sc_kb_rfc_section_id_parse (const char *text)
{
  g_autofree char *id = g_strstrip (g_strdup (text));
  char *start = id;
  gsize len;

  if (g_str_has_prefix (start, "§"))
    start += strlen ("§");
  else if (g_ascii_strncasecmp (start, "section", 7) == 0)
    start += 7;
  while (*start == ' ')
    start++;
  len = strlen (start);
  if (len > 0 && start[len - 1] == '.')
    start[len - 1] = '\0';
  return sc_kb_rfc_section_id_valid (start) ? g_strdup (start) : NULL;
}

gboolean
sc_kb_rfc_section_id_valid (const char *id)
{
  return g_regex_match_simple ("^([0-9]+|[A-Z])(\\.[0-9]+)*$", id, 0, 0);
}

void
sc_kb_rfc_free (ScKbRfc *rfc)
{
  if (rfc == NULL)
    return;
  g_free (rfc->title);
  g_free (rfc->origin);
  g_clear_pointer (&rfc->sections, g_ptr_array_unref);
  g_free (rfc);
}
