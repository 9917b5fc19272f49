#pragma once

#include "sc-ladder-view.h"
#include "sc-ladder-line.h"

G_BEGIN_DECLS

/* What sc-ladder-view.c (selection, input, API), sc-ladder-view-rows.c (a row per message) and
 * sc-ladder-view-layout.c (sizes and drawing) share. */

typedef struct {
  guint         src;
  guint         dst;
  gint64        t_us;        /* since the first message */
  gboolean      retransmission;
  ScLadderLine *line;
  char         *summary;     /* the label as words, for screen readers */
  PangoLayout  *time;
  PangoLayout  *label;
  GtkWidget    *chip;        /* a response's code; NULL for anything else */
  int           label_width; /* natural, before ellipsizing */
  int           label_x;     /* where the label's text starts, after allocation */
} ScLadderRow;

typedef struct {
  char        *name;
  PangoLayout *layout;
  int          width;
} ScLadderHost;

struct _ScLadderView
{
  GtkWidget parent_instance;

  GArray   *rows;     /* of ScLadderRow */
  GArray   *hosts;    /* of ScLadderHost, in order of first appearance */
  guint     selected; /* GTK_INVALID_LIST_POSITION for none */
  guint     pressed;
  guint     scroll_tick;  /* a scroll to the selected row is due */
  guint     scroll_wait;  /* frames it has waited for the layout */
  GtkAdjustment *scroll_adjustment; /* the vertical scroller's, while rooted: redraw the pinned hosts */

  /* What the content needs, measured once per messages or style (ensure_metrics). */
  gboolean  metrics_valid;
  int       gutter;
  int       column;
  int       text_height;
  int       label_height;
  int       row_height;
  int       header_height;
  int       column_alloc; /* the column width given the allocation */
};

void  sc_ladder_row_clear          (gpointer        data);
void  sc_ladder_host_clear         (gpointer        data);
void  sc_ladder_view_add_row       (ScLadderView   *self,
                                   const ScCaptureCallMessage *message,
                                   gint64          t0);
char *sc_ladder_view_format_time   (gint64          t_us);

void  sc_ladder_view_measure       (GtkWidget      *widget,
                                   GtkOrientation  orientation,
                                   int             for_size,
                                   int            *minimum,
                                   int            *natural,
                                   int            *minimum_baseline,
                                   int            *natural_baseline);
void  sc_ladder_view_size_allocate (GtkWidget      *widget,
                                   int             width,
                                   int             height,
                                   int             baseline);
void  sc_ladder_view_snapshot      (GtkWidget      *widget,
                                   GtkSnapshot    *snapshot);
/* sc-ladder-view-scroll.c */
int   sc_ladder_view_header_top    (ScLadderView   *self);
void  sc_ladder_view_queue_scroll_to_selected (ScLadderView *self);
void  sc_ladder_view_follow_scroller   (ScLadderView *self);
void  sc_ladder_view_unfollow_scroller (ScLadderView *self);
void  sc_ladder_view_scroll_init   (ScLadderView   *self);

/* sc-ladder-view-layout.c */
guint sc_ladder_view_row_at        (ScLadderView   *self,
                                   double          y);
void  sc_ladder_view_row_rect      (ScLadderView   *self,
                                   guint           index,
                                   graphene_rect_t *rect);
guint sc_ladder_view_host_at       (ScLadderView   *self,
                                   double          x,
                                   double          y);

/* For the tests: what a primary click at (@x, @y) does, without an input event. */
void  sc_ladder_view_click_at      (ScLadderView   *self,
                                   double          x,
                                   double          y);

G_END_DECLS
