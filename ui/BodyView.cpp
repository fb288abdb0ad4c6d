// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BodyView.h"

#include "core/http/ExchangeText.h"
#include "core/http/VisibleText.h"
#include "ui/BodyHighlighter.h"
#include "ui/Theme.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QFuture>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPromise>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTextDocument>
#include <QThreadPool>
#include <QUrl>
#include <QVBoxLayout>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <memory>

// ResponseView's Body page. It shows the decoded body (in memory or in the file it streamed to)
// and never changes those bytes: Pretty, Raw, Hex and Image are only ways of looking at them.
namespace verbscope::ui {

namespace {
// Text of a body as the text pages show it: a bare CR, an ESC or another control byte in the
// control-byte notation (VisibleText.h), the same as on a terminal; clean text unchanged.
QString shown(const QString &text)
{
    return http::visibleIfNeeded(text.toUtf8(), http::TextShape::Lines);
}

constexpr qint64 HighlightLimit = 512LL * 1024; // colouring is per line and synchronous
constexpr qint64 ImageLimit = 64LL * 1024 * 1024;

QByteArray readFile(const QString &path, qint64 limit)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return limit < 0 ? f.readAll() : f.read(limit);
}

QPushButton *button(const QString &name, const QString &text, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}
} // namespace

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_find(new QLineEdit(this))
    , m_findStatus(new QLabel(this))
    , m_save(button(QStringLiteral("saveBody"), tr("Save body as…"), this))
    , m_open(button(QStringLiteral("openBodyExternally"), tr("Open externally"), this))
    , m_largeNotice(new QFrame(this))
    , m_largeText(new QLabel(m_largeNotice))
    , m_forcePretty(button(QStringLiteral("forcePretty"), tr("Pretty-print anyway"), m_largeNotice))
    , m_stack(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(m_stack))
    , m_imageArea(new QScrollArea(m_stack))
    , m_image(new QLabel(m_imageArea))
    , m_highlighter(new BodyHighlighter(m_text->document(), m_text))
{
    setObjectName(QStringLiteral("bodyView"));
    m_mode->setObjectName(QStringLiteral("bodyViewMode"));
    m_mode->addItems({ tr("Pretty"), tr("Raw"), tr("Hex"), tr("Image") });
    m_find->setObjectName(QStringLiteral("bodyFind"));
    m_find->setPlaceholderText(tr("Find in body (Enter: next, Shift+Enter: previous)"));
    m_find->setClearButtonEnabled(true);
    m_findStatus->setObjectName(QStringLiteral("bodyFindStatus"));

    m_largeNotice->setObjectName(QStringLiteral("largeBodyNotice"));
    m_largeNotice->setFrameShape(QFrame::StyledPanel);
    Theme::setStyleSheet(m_largeNotice, Theme::Role::BannerWarning,
        QStringLiteral("QFrame#largeBodyNotice { %1 border-radius: 3px; }"), true);
    // The frame's sheet colours only the frame; its label takes the banner's text explicitly.
    Theme::setStyleSheet(m_largeText, Theme::Role::BannerWarning, QStringLiteral("QLabel { %1 }"));
    m_largeText->setObjectName(QStringLiteral("largeBodyText"));
    m_largeText->setWordWrap(true);
    auto *noticeLayout = new QHBoxLayout(m_largeNotice);
    noticeLayout->setContentsMargins(8, 4, 8, 4);
    noticeLayout->addWidget(m_largeText, 1);
    noticeLayout->addWidget(m_forcePretty);
    m_largeNotice->hide();

    m_text->setObjectName(QStringLiteral("responseBody"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setUndoRedoEnabled(false);
    m_image->setObjectName(QStringLiteral("bodyImage"));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_imageArea);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_mode);
    bar->addWidget(m_find, 1);
    bar->addWidget(m_findStatus);
    bar->addWidget(m_save);
    bar->addWidget(m_open);
    layout->addLayout(bar);
    layout->addWidget(m_largeNotice);
    layout->addWidget(m_stack, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &BodyView::render);
    connect(m_find, &QLineEdit::returnPressed, this,
        [this] { findNext(QGuiApplication::keyboardModifiers().testFlag(Qt::ShiftModifier)); });
    connect(m_find, &QLineEdit::textChanged, m_findStatus, &QLabel::clear);
    connect(m_forcePretty, &QPushButton::clicked, this, &BodyView::forcePretty);
    connect(m_save, &QPushButton::clicked, this, &BodyView::saveAs);
    connect(m_open, &QPushButton::clicked, this, &BodyView::openExternally);
    clear();
}

BodyView::~BodyView() = default;

BodyView::Mode BodyView::mode() const
{
    return Mode(m_mode->currentIndex());
}

void BodyView::setMode(Mode mode)
{
    if (m_mode->currentIndex() == int(mode))
        render();
    else
        m_mode->setCurrentIndex(int(mode));
}

QString BodyView::text() const
{
    return m_text->toPlainText();
}

void BodyView::clear()
{
    ++m_generation;
    m_bytes.clear();
    m_file.clear();
    m_contentType.clear();
    m_size = 0;
    m_prettyForced = false;
    m_formatting = false;
    m_largeNotice->hide();
    m_forcePretty->setEnabled(true);
    m_save->setEnabled(false);
    m_open->setEnabled(false);
    m_highlighter->setLanguage(BodyHighlighter::Language::None);
    m_text->setPlainText(QString());
    m_text->setPlaceholderText(tr("No response yet."));
    m_image->clear();
    m_stack->setCurrentWidget(m_text);
}

// A file-backed body is not read into memory here (only its first 4 KiB, to choose the mode):
// image/* opens as Image, binary as Hex, a large body as Raw, anything else as Pretty.
void BodyView::setBody(const QByteArray &bytes, const QString &file, const QByteArray &contentType)
{
    clear();
    m_file = file;
    m_bytes = file.isEmpty() ? bytes : QByteArray();
    m_contentType = contentType;
    m_size = file.isEmpty() ? bytes.size() : QFileInfo(file).size();
    m_save->setEnabled(m_size > 0);
    m_open->setEnabled(m_size > 0);
    m_text->setPlaceholderText(tr("The body is empty (0 bytes)."));
    if (isLarge()) {
        m_largeText->setText(tr("Large body: %1. Showing the first %2 only, pretty-printing is off so the window stays "
                                "responsive. The whole body is in %3.")
                                 .arg(QLocale().formattedDataSize(m_size), QLocale().formattedDataSize(PreviewBytes),
                                     m_file.isEmpty() ? tr("memory") : QDir::toNativeSeparators(m_file)));
        m_largeNotice->show();
    }
    const QByteArray head = loaded(4096);
    Mode initial = isLarge() ? Mode::Raw : Mode::Pretty;
    if (m_contentType.startsWith("image/"))
        initial = Mode::Image;
    else if (http::looksBinary(head))
        initial = Mode::Hex;
    setMode(initial);
}

void BodyView::setUnavailable(const QString &why)
{
    clear();
    m_text->setPlaceholderText(why);
}

QByteArray BodyView::loaded(qint64 limit) const
{
    if (m_file.isEmpty())
        return limit < 0 ? m_bytes : m_bytes.left(limit);
    return readFile(m_file, limit);
}

// The `hexdump -C` layout: offset, 16 bytes in two groups of 8, then the printable ASCII.
QString BodyView::hexDump(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() * 5);
    for (qsizetype off = 0; off < bytes.size(); off += 16) {
        const QByteArray line = bytes.mid(off, 16);
        out += QStringLiteral("%1  ").arg(off, 8, 16, QLatin1Char('0'));
        for (int i = 0; i < 16; ++i) {
            out += i < line.size() ? QStringLiteral("%1 ").arg(uchar(line.at(i)), 2, 16, QLatin1Char('0'))
                                   : QStringLiteral("   ");
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char(' ');
        for (char c : line)
            out += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        out += QLatin1Char('\n');
    }
    return out;
}

// Falls back to the text as received whenever the body does not parse, so a malformed answer is
// shown as it is rather than hidden. HTML is not reformatted: it is rarely well-formed XML.
QString BodyView::prettyText(const QByteArray &bytes, const QByteArray &contentType)
{
    const BodyHighlighter::Language lang = BodyHighlighter::detect(contentType, bytes);
    if (lang == BodyHighlighter::Language::Json) {
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        if (!doc.isNull())
            return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    } else if (lang == BodyHighlighter::Language::Markup && !contentType.toLower().contains("html")) {
        QXmlStreamReader reader(bytes);
        QString out;
        QXmlStreamWriter writer(&out);
        writer.setAutoFormatting(true);
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isWhitespace() || (reader.isStartDocument() && reader.documentVersion().isEmpty()))
                continue; // no declaration in the body: do not invent one
            writer.writeCurrentToken(reader);
        }
        if (!reader.hasError())
            return out.startsWith(QLatin1Char('\n')) ? out.mid(1) : out;
    }
    return QString::fromUtf8(bytes);
}

// Every call bumps m_generation, so a background formatting started for an earlier body or mode
// is dropped when it finishes late instead of replacing what is shown now.
void BodyView::render()
{
    ++m_generation;
    m_formatting = false;
    const Mode m = mode();
    m_find->setEnabled(m != Mode::Image);
    if (m == Mode::Image) {
        m_stack->setCurrentWidget(m_imageArea);
        QImage image;
        if (m_size <= ImageLimit)
            image = QImage::fromData(loaded(-1));
        if (image.isNull()) {
            m_image->setText(
                m_size > ImageLimit ? tr("Too large to preview as an image.") : tr("Not an image Qt can decode."));
        } else {
            m_image->setPixmap(QPixmap::fromImage(image));
            m_image->setToolTip(tr("%1 × %2 pixels").arg(image.width()).arg(image.height()));
        }
        return;
    }
    m_stack->setCurrentWidget(m_text);
    m_highlighter->setLanguage(BodyHighlighter::Language::None);
    if (m_size == 0) {
        m_text->setPlainText(QString());
        return;
    }
    if (m == Mode::Hex) {
        QString dump = hexDump(loaded(HexBytes));
        if (m_size > HexBytes)
            dump += tr("… %1 more bytes (save the body to see them all)\n").arg(m_size - HexBytes);
        m_text->setPlainText(dump);
        return;
    }
    const bool whole = !isLarge() || (m == Mode::Pretty && m_prettyForced);
    if (m == Mode::Pretty && isLarge() && m_prettyForced) {
        // Read and format the whole body off the GUI thread; show it when it is ready.
        m_formatting = true;
        m_text->setPlainText(tr("Formatting %1…").arg(QLocale().formattedDataSize(m_size)));
        auto promise = std::make_shared<QPromise<QString>>();
        QFuture<QString> future = promise->future();
        promise->start();
        QThreadPool::globalInstance()->start([promise, file = m_file, bytes = m_bytes, type = m_contentType] {
            promise->addResult(prettyText(file.isEmpty() ? bytes : readFile(file, -1), type));
            promise->finish();
        });
        const quint64 generation = m_generation;
        future.then(this, [this, generation](const QString &text) {
            if (generation != m_generation)
                return;
            m_formatting = false;
            m_text->setPlainText(shown(text));
        });
        return;
    }
    const QByteArray bytes = loaded(whole ? -1 : PreviewBytes);
    if (http::looksBinary(bytes.left(4096))) {
        m_text->setPlainText(tr("[binary body, %1 bytes: see Hex, Image, or save it]").arg(m_size));
        return;
    }
    if (m == Mode::Pretty) {
        const QString text = prettyText(bytes, m_contentType);
        if (text.size() <= HighlightLimit)
            m_highlighter->setLanguage(BodyHighlighter::detect(m_contentType, bytes));
        m_text->setPlainText(shown(text));
    } else {
        m_text->setPlainText(http::visibleIfNeeded(bytes, http::TextShape::Lines));
    }
}

// The whole large body is then formatted in the background (render()); the button is disabled so
// it cannot be started twice.
void BodyView::forcePretty()
{
    m_prettyForced = true;
    m_largeText->setText(tr("Large body: %1, pretty-printed on request.").arg(QLocale().formattedDataSize(m_size)));
    m_forcePretty->setEnabled(false);
    setMode(Mode::Pretty);
}

void BodyView::findNext(bool backwards)
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return;
    const QTextDocument::FindFlags flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (!m_text->find(needle, flags)) {
        // Wrap around once before saying it is not there.
        QTextCursor c = m_text->textCursor();
        c.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
        m_text->setTextCursor(c);
        if (!m_text->find(needle, flags)) {
            m_findStatus->setText(isLarge() && !m_prettyForced ? tr("not in the part shown") : tr("not found"));
            return;
        }
    }
    m_findStatus->clear();
}

// A streamed body is copied file to file, never loaded. QFile::copy() does not overwrite, and the
// user already confirmed the overwrite in the file dialog, hence the remove first.
void BodyView::saveAs()
{
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Save response body"), QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    if (target.isEmpty())
        return;
    QFile::remove(target);
    bool ok = false;
    if (!m_file.isEmpty()) {
        ok = QFile::copy(m_file, target);
    } else {
        QFile out(target);
        ok = out.open(QIODevice::WriteOnly) && out.write(m_bytes) == m_bytes.size();
    }
    if (!ok)
        QMessageBox::warning(this, tr("Save response body"), tr("Could not write \"%1\".").arg(target));
}

void BodyView::openExternally()
{
    QString path = m_file;
    if (path.isEmpty()) {
        QTemporaryFile tmp(QDir::tempPath() + QStringLiteral("/verbscope-body-XXXXXX"));
        tmp.setAutoRemove(false); // the other application reads it after we return
        if (!tmp.open() || tmp.write(m_bytes) != m_bytes.size())
            return;
        path = tmp.fileName();
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

} // namespace verbscope::ui
