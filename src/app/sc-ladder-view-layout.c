/* The ladder diagram's sizes and drawing: columns at least MIN_COLUMN wide (so the diagram
 * scrolls rather than squeezes at 360 px), a header with each host's address, a row per
 * message. Text is Pango layouts and straight lines colour nodes, sharp at any scale; the code
 * chips are child .badge labels, so a 486 here has the colour of a 486 everywhere else. */
#define G_LOG_DOMAIN "sc-ladder-view"

#include "sc-ladder-view-private.h"

#define MIN_COLUMN     120  /* a column is never narrower, so four hosts scroll at 360 px */
#define MAX_COLUMN     220  /* nor wider for a long label: it is ellipsized (tooltip: all of it) */
#define STRETCH_COLUMN 300  /* how wide columns grow to fill a wide window */
#define MARGIN         12
#define LABEL_PAD      8   /* either side of an arrow's label, within its columns */
#define HOST_PAD       6
#define ROW_PAD        8
#define LABEL_GAP      4
#define CHIP_GAP       6
#define SHAFT          2
#define HEAD_LENGTH    10
#define HEAD_HALF      5
#define DASH           6
#define DASH_GAP       4
#define LOOP_WIDTH     28
#define LOOP_HEIGHT    8
#define RADIUS         6

/* Geometry ---------------------------------------------------------------------------------- */

static int
column_x (ScLadderView *self,
          guint         column)
{
  return self->gutter + column * self->column_alloc + self->column_alloc / 2;
}

static int
row_y (ScLadderView *self,
       guint         index)
{
  return self->header_height + index * self->row_height;
}

static int
arrow_y (ScLadderView *self,
         guint         index)
{
  return row_y (self, index) + ROW_PAD + self->label_height + LABEL_GAP + HEAD_HALF;
}

guint
sc_ladder_view_row_at (ScLadderView *self,
                       double        y)
{
  int top = sc_ladder_view_header_top (self);

  /* Rows under the pinned hosts are hidden, so not there to click. */
  if (self->rows->len == 0 || y < self->header_height || (y >= top && y < top + self->header_height))
    return GTK_INVALID_LIST_POSITION;
  y = (y - self->header_height) / self->row_height;
  return y < self->rows->len ? (guint) y : GTK_INVALID_LIST_POSITION;
}

static guint
span (const ScLadderRow *row)
{
  return MAX (1, row->src > row->dst ? row->src - row->dst : row->dst - row->src);
}

static int
chip_width (const ScLadderRow *row)
{
  int width = 0;

  if (row->chip != NULL)
    gtk_widget_measure (row->chip, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  return row->chip != NULL ? width + CHIP_GAP : 0;
}

static int
chip_height (const ScLadderRow *row)
{
  int height = 0;

  gtk_widget_measure (row->chip, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  return height;
}

/* The widest a column needs to be for its labels, from the natural sizes of every text. */
static int
natural_column (ScLadderView *self)
{
  int column = MIN_COLUMN;

  for (guint i = 0; i < self->hosts->len; i++)
    column = MAX (column, g_array_index (self->hosts, ScLadderHost, i).width + 2 * (MARGIN + HOST_PAD));
  for (guint i = 0; i < self->rows->len; i++)
    {
      const ScLadderRow *row = &g_array_index (self->rows, ScLadderRow, i);
      int need = row->label_width + chip_width (row) + 2 * LABEL_PAD;
      column = MAX (column, (need + (int) span (row) - 1) / (int) span (row));
    }
  return MIN (column, MAX_COLUMN);
}

static void
measure_texts (ScLadderView *self)
{
  int height = 0;

  self->gutter = 0;
  for (guint i = 0; i < self->hosts->len; i++)
    {
      ScLadderHost *host = &g_array_index (self->hosts, ScLadderHost, i);
      pango_layout_set_width (host->layout, -1);
      pango_layout_get_pixel_size (host->layout, &host->width, &height);
      self->text_height = MAX (self->text_height, height);
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      ScLadderRow *row = &g_array_index (self->rows, ScLadderRow, i);
      int width;
      pango_layout_set_width (row->label, -1);
      pango_layout_get_pixel_size (row->label, &row->label_width, &height);
      pango_layout_get_pixel_size (row->time, &width, NULL);
      self->gutter = MAX (self->gutter, width);
      self->label_height = MAX (self->label_height, MAX (height, row->chip ? chip_height (row) : 0));
    }
}

static void
ensure_metrics (ScLadderView *self)
{
  if (self->metrics_valid)
    return;
  self->metrics_valid = TRUE;
  self->text_height = self->label_height = 0;
  measure_texts (self);
  self->gutter += 2 * MARGIN;
  self->column = natural_column (self);
  self->column_alloc = self->column;
  self->header_height = MARGIN + self->text_height + 2 * HOST_PAD + MARGIN;
  self->row_height = ROW_PAD + self->label_height + LABEL_GAP + 2 * HEAD_HALF + ROW_PAD;
}

void
sc_ladder_view_row_rect (ScLadderView    *self,
                         guint            index,
                         graphene_rect_t *rect)
{
  ensure_metrics (self);
  graphene_rect_init (rect, 0, row_y (self, index), gtk_widget_get_width (GTK_WIDGET (self)), self->row_height);
}

/* The host whose address box is at (@x, @y), if any. */
guint
sc_ladder_view_host_at (ScLadderView *self,
                        double        x,
                        double        y)
{
  int column;

  y -= sc_ladder_view_header_top (self);
  if (self->hosts->len == 0 || y < MARGIN || y >= self->header_height - MARGIN || x < self->gutter)
    return GTK_INVALID_LIST_POSITION;
  column = (x - self->gutter) / self->column_alloc;
  return column < (int) self->hosts->len ? (guint) column : GTK_INVALID_LIST_POSITION;
}

void
sc_ladder_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  ScLadderView *self = SC_LADDER_VIEW (widget);

  ensure_metrics (self);
  /* Never less than it needs: the parent scrolls. Nothing at all to show takes no room. */
  if (self->rows->len == 0)
    *minimum = *natural = 0;
  else if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->gutter + self->hosts->len * self->column + MARGIN;
  else
    *minimum = *natural = self->header_height + self->rows->len * self->row_height + MARGIN;
}

/* Where a row's label goes: centred over its arrow, or beside a message to its own sender. */
static void
allocate_row (ScLadderView *self,
              guint         index,
              int           width)
{
  ScLadderRow *row = &g_array_index (self->rows, ScLadderRow, index);
  int chip = chip_width (row);
  int room = MAX (1, (int) span (row) * self->column_alloc - 2 * LABEL_PAD - chip);
  int text = MIN (row->label_width, room);
  int left = row->src == row->dst ? column_x (self, row->src) + MARGIN
                                   : (column_x (self, row->src) + column_x (self, row->dst) - chip - text) / 2;

  left = CLAMP (left, MARGIN, MAX (MARGIN, width - MARGIN - chip - text));
  pango_layout_set_width (row->label, room * PANGO_SCALE);
  row->label_x = left + chip;
  if (row->chip != NULL)
    {
      int height = chip_height (row);
      gtk_widget_size_allocate (row->chip,
                                &(GtkAllocation) { left, row_y (self, index) + ROW_PAD + (self->label_height - height) / 2,
                                                   chip - CHIP_GAP, height }, -1);
    }
}

void
sc_ladder_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  ScLadderView *self = SC_LADDER_VIEW (widget);

  ensure_metrics (self);
  if (self->hosts->len == 0)
    return;
  self->column_alloc = CLAMP ((width - self->gutter - MARGIN) / (int) self->hosts->len,
                              self->column, MAX (self->column, STRETCH_COLUMN));
  for (guint i = 0; i < self->hosts->len; i++)
    pango_layout_set_width (g_array_index (self->hosts, ScLadderHost, i).layout,
                            (self->column_alloc - 2 * (MARGIN + HOST_PAD)) * PANGO_SCALE);
  for (guint i = 0; i < self->rows->len; i++)
    allocate_row (self, i, width);
}

/* Drawing ----------------------------------------------------------------------------------- */

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  float          x,
                  float          y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The selected row, in the accent colour; ringed while the diagram has the focus. */
static void
snapshot_selection (ScLadderView *self,
                    GtkSnapshot  *snapshot,
                    int           width)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  graphene_rect_t rect;
  GdkRGBA accent;

  if (self->selected >= self->rows->len)
    return;
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };
  rect = GRAPHENE_RECT_INIT (MARGIN / 2, row_y (self, self->selected), width - MARGIN, self->row_height);
  append_rounded (snapshot, &rect, &(GdkRGBA) { accent.red, accent.green, accent.blue, 0.18 });
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      GskRoundedRect rounded;
      GdkRGBA ring = with_alpha (&accent, 0.6);

      gsk_rounded_rect_init_from_rect (&rounded, &rect, RADIUS);
      gtk_snapshot_append_border (snapshot, &rounded, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { ring, ring, ring, ring });
    }
}

/* Each host's lifeline, from under its address down to the last row. */
static void
snapshot_lifelines (ScLadderView  *self,
                    GtkSnapshot   *snapshot,
                    const GdkRGBA *fg)
{
  GdkRGBA line = with_alpha (fg, 0.25);
  int top = MARGIN + self->text_height + 2 * HOST_PAD;

  for (guint i = 0; i < self->hosts->len; i++)
    gtk_snapshot_append_color (snapshot, &line,
                               &GRAPHENE_RECT_INIT (column_x (self, i) - 0.5f, top, 1, row_y (self, self->rows->len) - top));
}

/* Each host's address in a box at @top: the diagram's top, or the top of what is in sight,
 * over an opaque band with a rule under it so the rows scroll beneath. */
static void
snapshot_hosts (ScLadderView  *self,
                GtkSnapshot   *snapshot,
                int            top,
                int            width,
                const GdkRGBA *fg)
{
  GdkRGBA box = with_alpha (fg, 0.08);

  if (top > 0)
    {
      GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
      GdkRGBA band;

      if (!gtk_style_context_lookup_color (style, "window_bg_color", &band))
        band = (GdkRGBA) { 1, 1, 1, 1 };
      band.alpha = 1;
      gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (0, top, width, self->header_height));
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { fg->red, fg->green, fg->blue, fg->alpha * 0.15f },
                                 &GRAPHENE_RECT_INIT (0, top + self->header_height - 1, width, 1));
    }
  for (guint i = 0; i < self->hosts->len; i++)
    {
      ScLadderHost *host = &g_array_index (self->hosts, ScLadderHost, i);
      int x = column_x (self, i);
      int text_width;

      pango_layout_get_pixel_size (host->layout, &text_width, NULL);
      append_rounded (snapshot, &GRAPHENE_RECT_INIT (x - text_width / 2 - HOST_PAD, top + MARGIN, text_width + 2 * HOST_PAD,
                                                     self->text_height + 2 * HOST_PAD), &box);
      append_layout_at (snapshot, host->layout, x - text_width / 2, top + MARGIN + HOST_PAD, fg);
    }
}

/* A horizontal shaft from @x1 to @x2, dashed for a retransmission. */
static void
append_shaft (GtkSnapshot   *snapshot,
              float          x1,
              float          x2,
              float          y,
              gboolean       dashed,
              const GdkRGBA *color)
{
  float from = MIN (x1, x2), to = MAX (x1, x2);

  if (!dashed)
    {
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (from, y - SHAFT / 2.f, to - from, SHAFT));
      return;
    }
  for (float x = from; x < to; x += DASH + DASH_GAP)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y - SHAFT / 2.f, MIN (DASH, to - x), SHAFT));
}

/* A filled triangle with its tip at (@tip, @y), pointing right when @dir > 0. Cairo for the
 * slanted edges (antialiased by both renderers, and recorded, so drawn again at any scale). */
static void
append_head (GtkSnapshot   *snapshot,
             float          tip,
             float          y,
             int            dir,
             const GdkRGBA *color)
{
  float base = tip - dir * HEAD_LENGTH;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (MIN (tip, base), y - HEAD_HALF,
                                                                          HEAD_LENGTH, 2 * HEAD_HALF));

  cairo_move_to (cr, tip, y);
  cairo_line_to (cr, base, y - HEAD_HALF);
  cairo_line_to (cr, base, y + HEAD_HALF);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
snapshot_arrow (ScLadderView  *self,
                GtkSnapshot   *snapshot,
                guint          index,
                const GdkRGBA *color)
{
  const ScLadderRow *row = &g_array_index (self->rows, ScLadderRow, index);
  int x1 = column_x (self, row->src);
  int x2 = column_x (self, row->dst);
  int y = arrow_y (self, index);
  int dir = x2 >= x1 ? 1 : -1;

  if (row->src == row->dst)
    {
      /* To itself: out, down and back to its own lifeline. */
      append_shaft (snapshot, x1, x1 + LOOP_WIDTH, y - LOOP_HEIGHT / 2, row->retransmission, color);
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x1 + LOOP_WIDTH - SHAFT, y - LOOP_HEIGHT / 2 - SHAFT / 2.f,
                                                                       SHAFT, LOOP_HEIGHT + SHAFT));
      append_shaft (snapshot, x1 + LOOP_WIDTH, x1 + HEAD_LENGTH - 1, y + LOOP_HEIGHT / 2, row->retransmission, color);
      append_head (snapshot, x1, y + LOOP_HEIGHT / 2, -1, color);
      return;
    }
  append_shaft (snapshot, x1, x2 - dir * (HEAD_LENGTH - 1), y, row->retransmission, color);
  append_head (snapshot, x2, y, dir, color);
}

static void
snapshot_row (ScLadderView  *self,
              GtkSnapshot   *snapshot,
              guint          index,
              const GdkRGBA *fg)
{
  const ScLadderRow *row = &g_array_index (self->rows, ScLadderRow, index);
  GdkRGBA dim = with_alpha (fg, 0.55);
  const GdkRGBA *text = row->retransmission ? &dim : fg;
  int width, height;
  int label_height;

  pango_layout_get_pixel_size (row->time, &width, &height);
  append_layout_at (snapshot, row->time, self->gutter - MARGIN - width, arrow_y (self, index) - height / 2, &dim);
  snapshot_arrow (self, snapshot, index, row->retransmission ? &dim : &(GdkRGBA) { fg->red, fg->green, fg->blue, fg->alpha * 0.85f });
  pango_layout_get_pixel_size (row->label, NULL, &label_height);
  append_layout_at (snapshot, row->label, row->label_x,
                    row_y (self, index) + ROW_PAD + (self->label_height - label_height) / 2, text);
  if (row->chip != NULL)
    gtk_widget_snapshot_child (GTK_WIDGET (self), row->chip, snapshot);
}

void
sc_ladder_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ScLadderView *self = SC_LADDER_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA fg;

  if (self->rows->len == 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  snapshot_selection (self, snapshot, width);
  snapshot_lifelines (self, snapshot, &fg);
  for (guint i = 0; i < self->rows->len; i++)
    snapshot_row (self, snapshot, i, &fg);
  snapshot_hosts (self, snapshot, sc_ladder_view_header_top (self), width, &fg);
}
