#define G_LOG_DOMAIN "sc-capture-reader"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sc-capture-packet.h"
#include "sc-capture-reader-private.h"

/* stdio's buffer for a file the reader opens: libpcap reads a frame at a time, and a few large
 * reads cost far less than thousands of page-sized ones. */
#define FILE_BUFFER_SIZE (1024 * 1024)

/**
 * ScCaptureReader:
 *
 * Reads a pcap or pcapng file through libpcap and hands out the SIP messages in it one at a
 * time, in the order they completed: UDP datagrams, messages cut from TCP streams, IP
 * fragments put together, HEP v3 packets opened. What it holds is bounded by what is still
 * open (fragments waiting, streams with unconsumed bytes), never by the size of the file.
 */

G_DEFINE_FINAL_TYPE (ScCaptureReader, sc_capture_reader, G_TYPE_OBJECT)

static void
sc_capture_reader_finalize (GObject *object)
{
  ScCaptureReader *self = SC_CAPTURE_READER (object);

  if (self->pcap != NULL)
    self->libpcap->close (self->pcap);
  g_free (self->file_buffer);  /* after the FILE that used it is closed */
  g_clear_pointer (&self->fragments, sc_capture_ip_reassembly_free);
  g_clear_pointer (&self->streams, g_hash_table_unref);
  g_clear_pointer (&self->ready, sc_capture_parse_queue_free);
  g_clear_error (&self->read_error);
  g_free (self->name);
  G_OBJECT_CLASS (sc_capture_reader_parent_class)->finalize (object);
}

static void
sc_capture_reader_class_init (ScCaptureReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_capture_reader_finalize;
}

static void
sc_capture_reader_init (ScCaptureReader *self)
{
  self->fragments = sc_capture_ip_reassembly_new ();
  self->streams = sc_capture_reader_streams_new ();
}

static gboolean
is_truncation (const char *libpcap_error)
{
  return strstr (libpcap_error, "truncated") != NULL;
}

/* libpcap refused the file at its header. */
static void
set_open_error (GError **error, const char *name, const char *libpcap_error)
{
  if (strstr (libpcap_error, "unknown file format") != NULL)
    g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_NOT_CAPTURE,
                 _("“%s” is not a pcap or pcapng capture (libpcap: %s)"), name, libpcap_error);
  else if (is_truncation (libpcap_error))
    g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_TRUNCATED,
                 _("“%s” ends inside its file header (libpcap: %s)"), name, libpcap_error);
  else
    g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_READ, _("Cannot read “%s” (libpcap: %s)"), name, libpcap_error);
}

static const char *
link_type_name (ScCaptureReader *self,
                int              link_type)
{
  const char *name = self->libpcap->datalink_val_to_name (link_type);

  return name != NULL ? name : "unknown";
}

static gboolean
check_link_type (ScCaptureReader *self, GError **error)
{
  const char *description = self->libpcap->datalink_val_to_description (self->link_type);

  if (sc_capture_link_type_supported (self->link_type))
    return TRUE;
  g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_LINK_TYPE,
               _("“%s” has link type %s (%s, %d): only Ethernet, Linux cooked (SLL, SLL2), raw IP and "
                 "BSD loopback captures can be read"), self->name, link_type_name (self, self->link_type),
               description != NULL ? description : "no description", self->link_type);
  return FALSE;
}

/* Threads to parse on: the other cores, when the file is a file. From a pipe (tcpdump -w -)
 * each message is parsed as it is found, so that none waits for a batch to fill. */
static guint
parse_workers (FILE *file)
{
  struct stat st;

  if (file == NULL || fstat (fileno (file), &st) != 0 || !S_ISREG (st.st_mode))
    return 0;
  return MIN (g_get_num_processors (), 4) - 1;
}

/**
 * sc_capture_reader_new_for_file:
 * @file: (transfer full): open for reading at the start of a capture; closed with the reader,
 *   or at once on failure
 * @name: what error messages call it
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with %SC_CAPTURE_ERROR when @file
 * is empty, not a capture, cut inside its header, or of a link type the reader cannot decode.
 */
ScCaptureReader *
sc_capture_reader_new_for_file (FILE        *file,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(ScCaptureReader) self = NULL;
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  int first;

  g_return_val_if_fail (file != NULL && name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  /* libpcap calls an empty file truncated: an empty file deserves its own words. */
  if ((first = getc (file)) == EOF || ungetc (first, file) == EOF)
    {
      fclose (file);
      g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_EMPTY, _("“%s” is empty: it holds no capture"), name);
      return NULL;
    }
  self = g_object_new (SC_TYPE_CAPTURE_READER, NULL);
  self->name = g_strdup (name);
  if ((self->libpcap = sc_capture_libpcap_get (error)) == NULL)
    {
      fclose (file);
      return NULL;
    }
  self->pcap = self->libpcap->fopen_offline_with_tstamp_precision (file, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  if (self->pcap == NULL)
    {
      fclose (file);
      set_open_error (error, name, errbuf);
      return NULL;
    }
  self->link_type = self->libpcap->datalink (self->pcap);
  if (!check_link_type (self, error))
    return NULL;
  self->ready = sc_capture_parse_queue_new (parse_workers (self->libpcap->file (self->pcap)));
  return g_steal_pointer (&self);
}

/**
 * sc_capture_reader_new_for_path:
 * @path: a pcap or pcapng file
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with a %G_IO_ERROR when the file
 * cannot be opened, or an %SC_CAPTURE_ERROR as sc_capture_reader_new_for_file() says.
 */
ScCaptureReader *
sc_capture_reader_new_for_path (const char  *path,
                                GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *buffer = NULL;
  ScCaptureReader *self;
  FILE *file;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  name = g_filename_display_name (path);
  if ((file = g_fopen (path, "rb")) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot open “%s”: %s"), name,
                   g_strerror (saved));
      return NULL;
    }
  buffer = g_malloc (FILE_BUFFER_SIZE);
  if (setvbuf (file, buffer, _IOFBF, FILE_BUFFER_SIZE) != 0)
    g_clear_pointer (&buffer, g_free);  /* stdio's own buffer, then */
  /* On failure the file is closed already, so the buffer can go. */
  if ((self = sc_capture_reader_new_for_file (file, name, error)) != NULL)
    self->file_buffer = g_steal_pointer (&buffer);
  return self;
}

static void
set_read_error (ScCaptureReader *self)
{
  const char *libpcap_error = self->libpcap->geterr (self->pcap);

  guint other;

  /* libpcap 1.10 reads a pcapng file only while all its interfaces share one link type. */
  if (sscanf (libpcap_error, "an interface has a type %u different", &other) == 1)
    self->read_error = g_error_new (SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_LINK_TYPE,
                                    _("“%s” has interfaces of two link types, %s and %s, and libpcap reads only "
                                      "one: reading stopped after frame %llu (libpcap: %s)"),
                                    self->name, link_type_name (self, self->link_type), link_type_name (self, (int) other),
                                    (unsigned long long) self->stats.packets, libpcap_error);
  else if (is_truncation (libpcap_error))
    self->read_error = g_error_new (SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_TRUNCATED,
                                    _("“%s” is cut short after frame %llu (libpcap: %s); what came before was read"),
                                    self->name, (unsigned long long) self->stats.packets, libpcap_error);
  else
    self->read_error = g_error_new (SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_READ,
                                    _("Cannot read “%s” after frame %llu (libpcap: %s)"),
                                    self->name, (unsigned long long) self->stats.packets, libpcap_error);
}

/* Reads frames until the messages found fill a batch for the parser, or the file ends. */
static void
read_more (ScCaptureReader *self)
{
  self->batch_sent = FALSE;
  while (!self->batch_sent && !self->done)
    {
      struct pcap_pkthdr *header;
      const u_char *data;
      int status = self->libpcap->next_ex (self->pcap, &header, &data);

      if (status == 1)
        {
          sc_capture_reader_read_frame (self, header, data);
          continue;
        }
      if (status != PCAP_ERROR_BREAK)  /* PCAP_ERROR_BREAK is the end of the file */
        set_read_error (self);
      /* What streams still hold comes out before the end (or the error) is reported. */
      sc_capture_reader_finish_streams (self);
      sc_capture_parse_queue_flush (self->ready);
      self->stats.fragments_pending = sc_capture_ip_reassembly_get_pending (self->fragments);
      self->done = TRUE;
    }
}

/**
 * sc_capture_reader_next:
 * @error: the reason reading stopped early (%SC_CAPTURE_ERROR_TRUNCATED for a file cut short),
 *   reported once, after every message found before it
 *
 * Returns: (transfer full) (nullable): the next message, parsed or carrying the parser's
 * error; %NULL at the end of the file, or with @error set.
 */
ScCaptureMessage *
sc_capture_reader_next (ScCaptureReader  *self,
                        GError          **error)
{
  g_return_val_if_fail (SC_IS_CAPTURE_READER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  for (;;)
    {
      /* Read ahead while the workers parse, unless enough is waiting already. */
      gboolean wait = self->done || sc_capture_parse_queue_is_full (self->ready);
      ScCaptureMessage *message = sc_capture_parse_queue_pop (self->ready, wait);

      if (message != NULL)
        {
          if (message->error != NULL)
            self->stats.sip_errors++;
          return message;
        }
      if (self->done)
        break;
      read_more (self);
    }
  if (self->read_error != NULL)
    g_propagate_error (error, g_steal_pointer (&self->read_error));
  return NULL;
}

const ScCaptureReaderStats *
sc_capture_reader_get_stats (ScCaptureReader *self)
{
  g_return_val_if_fail (SC_IS_CAPTURE_READER (self), NULL);
  return &self->stats;
}

int
sc_capture_reader_get_link_type (ScCaptureReader *self)
{
  g_return_val_if_fail (SC_IS_CAPTURE_READER (self), -1);
  return self->link_type;
}

gint64
sc_capture_reader_get_offset (ScCaptureReader *self)
{
  FILE *file;

  g_return_val_if_fail (SC_IS_CAPTURE_READER (self), -1);
  file = self->pcap != NULL ? self->libpcap->file (self->pcap) : NULL;
  return file != NULL ? (gint64) ftello (file) : -1;
}
