// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;

namespace verbscope::ui {

class BodyHighlighter;

// A response body as pretty text (JSON/XML/HTML, coloured), raw text, a hex dump or an image,
// with find. Bodies live in memory or in the file they were streamed to; above
// PrettyThreshold only the first bytes are shown and pretty-printing waits for a click,
// so a 100 MB answer never freezes the window.
class BodyView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyView)
public:
    enum class Mode { Pretty, Raw, Hex, Image };
    static constexpr qint64 PrettyThreshold = 2LL * 1024 * 1024;
    static constexpr qint64 PreviewBytes = 512LL * 1024;
    static constexpr qint64 HexBytes = 64LL * 1024;

    explicit BodyView(QWidget *parent = nullptr);
    ~BodyView() override;

    // `file` (when set) holds the whole body; `bytes` is used otherwise.
    void setBody(const QByteArray &bytes, const QString &file, const QByteArray &contentType);
    // The answer had a body but this record has none of its bytes: says why instead of "empty".
    void setUnavailable(const QString &why);
    void clear();

    bool isLarge() const { return m_size > PrettyThreshold; }
    qint64 size() const { return m_size; }
    Mode mode() const;
    void setMode(Mode mode);
    QString text() const; // what the text view shows now
    static QString hexDump(const QByteArray &bytes);
    // JSON indented, XML re-indented; other text unchanged. Safe off the GUI thread.
    static QString prettyText(const QByteArray &bytes, const QByteArray &contentType);

public Q_SLOTS:
    void forcePretty();
    void saveAs();
    void openExternally();
    void findNext(bool backwards = false);

private:
    void render();
    QByteArray loaded(qint64 limit) const;

    QComboBox *m_mode;
    QLineEdit *m_find;
    QLabel *m_findStatus;
    QPushButton *m_save;
    QPushButton *m_open;
    QFrame *m_largeNotice;
    QLabel *m_largeText;
    QPushButton *m_forcePretty;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    QScrollArea *m_imageArea;
    QLabel *m_image;
    BodyHighlighter *m_highlighter;

    QByteArray m_bytes;
    QString m_file;
    QByteArray m_contentType;
    qint64 m_size = 0;
    bool m_prettyForced = false;
    bool m_formatting = false;
    quint64 m_generation = 0; // drops a background formatting result that arrives too late
};

} // namespace verbscope::ui
