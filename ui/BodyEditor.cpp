// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BodyEditor.h"

#include "ui/BodyHighlighter.h"
#include "ui/KeyValueTable.h"
#include "ui/Theme.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <iterator>

// RequestEditor's Body page. It turns each kind of body into bytes plus a Content-Type; a body is
// allowed on every method, since the point is to see what the server does with it.
namespace verbscope::ui {

namespace {
// Saved ids, indexed like the mode combo box and the page stack: keep all three in the same order.
const char *const ModeIds[] = { "none", "raw", "json", "form", "multipart", "file" };

QPlainTextEdit *makeTextEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true);
    return edit;
}

QComboBox *makeTypeBox(const QString &name, const QStringList &types, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->addItems(types);
    box->setMinimumWidth(220);
    return box;
}

QJsonArray rowsToJson(const QList<KeyValue> &rows)
{
    QJsonArray a;
    for (const KeyValue &kv : rows)
        a.append(QJsonObject { { QStringLiteral("name"), kv.name }, { QStringLiteral("value"), kv.value },
            { QStringLiteral("enabled"), kv.enabled } });
    return a;
}

QList<KeyValue> rowsFromJson(const QJsonArray &a)
{
    QList<KeyValue> rows;
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        rows.append({ o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("value")).toString(),
            o.value(QStringLiteral("enabled")).toBool(true) });
    }
    return rows;
}
} // namespace

// One random boundary per editor: random so it will not occur inside a part (RFC 2046 section
// 5.1.1), fixed so the Content-Type checked while typing is the one that is sent.
BodyEditor::BodyEditor(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_boundary("----VerbScope" + QByteArray::number(QRandomGenerator::global()->generate64(), 16))
{
    setObjectName(QStringLiteral("bodyEditor"));
    m_mode->setObjectName(QStringLiteral("bodyMode"));
    m_mode->addItems({ tr("No body"), tr("Raw text"), tr("JSON"), tr("Form (urlencoded)"), tr("Multipart form"),
        tr("Binary file") });

    auto *none
        = new QLabel(tr("This request has no body. Pick a kind of body above to send one, with any method."), m_pages);
    none->setWordWrap(true);
    none->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_pages->addWidget(none);

    auto *rawPage = new QWidget(m_pages);
    auto *rawLayout = new QVBoxLayout(rawPage);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    auto *rawTypeRow = new QFormLayout;
    m_rawType = makeTypeBox(QStringLiteral("bodyContentType"),
        { QStringLiteral("text/plain; charset=utf-8"), QStringLiteral("application/xml"), QStringLiteral("text/html"),
            QStringLiteral("application/json"), QStringLiteral("text/csv"), QString() },
        rawPage);
    rawTypeRow->addRow(tr("Content-Type"), m_rawType);
    rawLayout->addLayout(rawTypeRow);
    m_raw = makeTextEdit(QStringLiteral("bodyText"), rawPage);
    rawLayout->addWidget(m_raw);
    m_pages->addWidget(rawPage);

    auto *jsonPage = new QWidget(m_pages);
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    m_json = makeTextEdit(QStringLiteral("bodyJson"), jsonPage);
    auto *jsonHighlighter = new BodyHighlighter(m_json->document(), m_json);
    jsonHighlighter->setLanguage(BodyHighlighter::Language::Json);
    jsonLayout->addWidget(m_json);
    auto *jsonRow = new QHBoxLayout;
    m_jsonStatus = new QLabel(jsonPage);
    m_jsonStatus->setObjectName(QStringLiteral("jsonStatus"));
    auto *format = new QPushButton(tr("Format"), jsonPage);
    format->setObjectName(QStringLiteral("jsonFormat"));
    jsonRow->addWidget(m_jsonStatus, 1);
    jsonRow->addWidget(format);
    jsonLayout->addLayout(jsonRow);
    m_pages->addWidget(jsonPage);

    m_form = new KeyValueTable(QStringLiteral("formFields"), m_pages);
    m_pages->addWidget(m_form);

    m_multipart = new KeyValueTable(QStringLiteral("multipartFields"), m_pages);
    m_multipart->setToolTip(tr("A value that starts with @ is a file path: the file is sent as that part."));
    auto *addFile = new QPushButton(tr("Add file…"), m_multipart);
    addFile->setObjectName(QStringLiteral("multipartAddFile"));
    m_multipart->buttonRow()->insertWidget(0, addFile);
    m_pages->addWidget(m_multipart);

    auto *filePage = new QWidget(m_pages);
    auto *fileForm = new QFormLayout(filePage);
    auto *fileRow = new QHBoxLayout;
    m_file = new QLineEdit(filePage);
    m_file->setObjectName(QStringLiteral("bodyFilePath"));
    m_file->setPlaceholderText(tr("/path/to/file (sent byte for byte)"));
    auto *browse = new QPushButton(tr("Browse…"), filePage);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    fileForm->addRow(tr("File"), fileRow);
    m_fileType = makeTypeBox(QStringLiteral("bodyFileType"),
        { QStringLiteral("application/octet-stream"), QStringLiteral("image/png"), QStringLiteral("application/pdf"),
            QStringLiteral("application/zip"), QString() },
        filePage);
    fileForm->addRow(tr("Content-Type"), m_fileType);
    m_pages->addWidget(filePage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Body:"), this));
    top->addWidget(m_mode);
    top->addStretch(1);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_pages->setCurrentIndex(i);
        Q_EMIT edited();
    });
    for (QPlainTextEdit *e : { m_raw, m_json })
        connect(e, &QPlainTextEdit::textChanged, this, &BodyEditor::edited);
    connect(m_json, &QPlainTextEdit::textChanged, this, &BodyEditor::validateJson);
    connect(format, &QPushButton::clicked, this, [this] {
        const QJsonDocument doc = QJsonDocument::fromJson(m_json->toPlainText().toUtf8());
        if (!doc.isNull())
            m_json->setPlainText(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed());
    });
    for (QComboBox *b : { m_rawType, m_fileType })
        connect(b, &QComboBox::editTextChanged, this, &BodyEditor::edited);
    for (KeyValueTable *t : { m_form, m_multipart })
        connect(t, &KeyValueTable::edited, this, &BodyEditor::edited);
    connect(m_file, &QLineEdit::textChanged, this, &BodyEditor::edited);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Send which file?"));
        if (!f.isEmpty())
            m_file->setText(f);
    });
    connect(addFile, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Attach which file?"));
        if (!f.isEmpty())
            m_multipart->appendRow({ QStringLiteral("file"), QLatin1Char('@') + f, true });
    });
    validateJson();
}

BodyEditor::~BodyEditor() = default;

BodyEditor::Mode BodyEditor::mode() const
{
    return Mode(m_mode->currentIndex());
}

void BodyEditor::setMode(Mode mode)
{
    m_mode->setCurrentIndex(int(mode));
}

// Invalid JSON is reported, never blocked: sending a broken body on purpose is a valid test.
void BodyEditor::validateJson()
{
    const QByteArray text = m_json->toPlainText().toUtf8();
    if (text.trimmed().isEmpty()) {
        m_jsonStatus->setText(tr("Empty body"));
        Theme::resetTextRole(m_jsonStatus);
        return;
    }
    QJsonParseError error;
    QJsonDocument::fromJson(text, &error);
    if (error.error == QJsonParseError::NoError) {
        m_jsonStatus->setText(tr("✓ Valid JSON"));
        Theme::setTextRole(m_jsonStatus, Theme::Role::TextSuccess);
    } else {
        // Line and column help more than a byte offset in a multi-line body.
        const QByteArray before = text.left(error.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(error.offset - (before.lastIndexOf('\n') + 1)) + 1;
        m_jsonStatus->setText(tr("✗ Invalid JSON at line %1, column %2: %3 (it is sent as typed)")
                                  .arg(line)
                                  .arg(column)
                                  .arg(error.errorString()));
        Theme::setTextRole(m_jsonStatus, Theme::Role::TextError);
    }
}

// multipart/form-data (RFC 7578). Quotes in names are written %22, as browsers do. Without
// readFiles only the files' readability is checked, since this also runs on every edit.
QByteArray BodyEditor::multipart(QString *problem, bool readFiles) const
{
    QByteArray out;
    for (const KeyValue &kv : m_multipart->rows()) {
        if (!kv.enabled)
            continue;
        out += "--" + m_boundary + "\r\n";
        QByteArray name = kv.name.toUtf8();
        name.replace('"', "%22");
        if (kv.value.startsWith(QLatin1Char('@'))) {
            QFile f(kv.value.mid(1));
            if (!readFiles) {
                if (!QFileInfo(f.fileName()).isReadable()) {
                    *problem = tr("multipart field \"%1\": cannot read \"%2\"").arg(kv.name, f.fileName());
                    return {};
                }
                continue;
            }
            if (!f.open(QIODevice::ReadOnly)) {
                *problem
                    = tr("multipart field \"%1\": cannot read \"%2\": %3").arg(kv.name, f.fileName(), f.errorString());
                return {};
            }
            QByteArray fileName = QFileInfo(f.fileName()).fileName().toUtf8();
            fileName.replace('"', "%22");
            out += "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n"
                + f.readAll() + "\r\n";
        } else {
            out += "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + kv.value.toUtf8() + "\r\n";
        }
    }
    return out + "--" + m_boundary + "--\r\n";
}

// A file body is only named here (Body::file): the engine streams it, so it is never read into
// memory, and a relative path is resolved against the .http file's folder.
BodyEditor::Body BodyEditor::body(bool readFiles) const
{
    Body b;
    switch (mode()) {
    case Mode::None: break;
    case Mode::Raw:
        b.hasBody = true;
        b.bytes = m_raw->toPlainText().toUtf8();
        b.contentType = m_rawType->currentText().trimmed().toUtf8();
        break;
    case Mode::Json:
        b.hasBody = true;
        b.bytes = m_json->toPlainText().toUtf8();
        b.contentType = m_jsonType;
        break;
    case Mode::Form: {
        QByteArrayList pairs;
        for (const KeyValue &kv : m_form->rows())
            if (kv.enabled)
                pairs.append(QUrl::toPercentEncoding(kv.name) + '=' + QUrl::toPercentEncoding(kv.value));
        b.hasBody = true;
        b.bytes = pairs.join('&');
        b.contentType = "application/x-www-form-urlencoded";
        break;
    }
    case Mode::Multipart:
        b.hasBody = true;
        b.bytes = multipart(&b.problem, readFiles);
        b.contentType = "multipart/form-data; boundary=" + m_boundary;
        break;
    case Mode::File:
        b.hasBody = true;
        b.file = m_file->text().trimmed();
        b.contentType = m_fileType->currentText().trimmed().toUtf8();
        if (b.file.isEmpty())
            b.problem = tr("body: choose the file to send");
        else if (!QFileInfo(QDir(m_baseDirectory).absoluteFilePath(b.file)).isReadable())
            b.problem = tr("body: cannot read \"%1\"").arg(QDir(m_baseDirectory).absoluteFilePath(b.file));
        break;
    }
    return b;
}

// Chooses the page from the body's kind; form bodies open as raw text, so nothing is re-encoded.
void BodyEditor::setBody(const QByteArray &bytes, const QByteArray &contentType, const QString &file)
{
    if (!file.isEmpty()) {
        m_file->setText(file);
        m_fileType->setEditText(QString::fromUtf8(contentType));
        setMode(Mode::File);
    } else if (contentType.contains("json")) {
        // The type as given (application/merge-patch+json, …): the JSON page must not turn it
        // into plain application/json, nor add one that the request did not have.
        m_jsonType = contentType;
        m_json->setPlainText(QString::fromUtf8(bytes));
        setMode(Mode::Json);
    } else {
        m_raw->setPlainText(QString::fromUtf8(bytes));
        m_rawType->setEditText(QString::fromUtf8(contentType));
        setMode(Mode::Raw);
    }
}

QJsonObject BodyEditor::saveState() const
{
    return { { QStringLiteral("mode"), QLatin1String(ModeIds[m_mode->currentIndex()]) },
        { QStringLiteral("raw"), m_raw->toPlainText() }, { QStringLiteral("rawType"), m_rawType->currentText() },
        { QStringLiteral("json"), m_json->toPlainText() },
        { QStringLiteral("jsonType"), QString::fromUtf8(m_jsonType) },
        { QStringLiteral("form"), rowsToJson(m_form->rows()) },
        { QStringLiteral("multipart"), rowsToJson(m_multipart->rows()) }, { QStringLiteral("file"), m_file->text() },
        { QStringLiteral("fileType"), m_fileType->currentText() } };
}

void BodyEditor::restoreState(const QJsonObject &s)
{
    m_raw->setPlainText(s.value(QStringLiteral("raw")).toString());
    if (s.contains(QStringLiteral("rawType")))
        m_rawType->setEditText(s.value(QStringLiteral("rawType")).toString());
    m_json->setPlainText(s.value(QStringLiteral("json")).toString());
    m_jsonType = s.value(QStringLiteral("jsonType")).toString(QStringLiteral("application/json")).toUtf8();
    m_form->setRows(rowsFromJson(s.value(QStringLiteral("form")).toArray()));
    m_multipart->setRows(rowsFromJson(s.value(QStringLiteral("multipart")).toArray()));
    m_file->setText(s.value(QStringLiteral("file")).toString());
    if (s.contains(QStringLiteral("fileType")))
        m_fileType->setEditText(s.value(QStringLiteral("fileType")).toString());
    const QString mode = s.value(QStringLiteral("mode")).toString();
    for (int i = 0; i < int(std::size(ModeIds)); ++i)
        if (mode == QLatin1String(ModeIds[i]))
            m_mode->setCurrentIndex(i);
}

} // namespace verbscope::ui
