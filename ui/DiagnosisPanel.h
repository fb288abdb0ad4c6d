// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace verbscope::diagnosis {
enum class Severity;
struct Diagnosis;
struct Suggestion;
} // namespace verbscope::diagnosis

namespace verbscope::ui {

// The answer to "why did this method fail?": the verdict in plain words, who answered, the
// evidence (each check opens its exchange), findings by severity, the status code explained
// from the knowledge base, and suggestions as buttons that act, each with its verified state.
class DiagnosisPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisPanel)
public:
    explicit DiagnosisPanel(QWidget *parent = nullptr);
    ~DiagnosisPanel() override;

    void clear();
    void setProgress(const QString &what); // empty: nothing running
    void setDiagnosis(const diagnosis::Diagnosis &diagnosis, bool checksRan);
    void setSuggestionBusy(const QString &id, const QString &text);

    // The label a suggestion's button carries, empty when it has no action here.
    static QString actionText(const diagnosis::Suggestion &suggestion);
    static QString verifiedText(const diagnosis::Suggestion &suggestion);

Q_SIGNALS:
    void checkActivated(int index); // -1: the user's own exchange
    void suggestionTriggered(const QString &id);
    void copyCurlRequested();
    void runChecksRequested();
    void probeAllRequested(); // the method matrix on this URL

private:
    void addFinding(const QString &id, diagnosis::Severity severity, const QString &title, const QString &detail);
    void addSuggestion(const diagnosis::Suggestion &s);
    void showStatus(int status);
    void colourEvidence();

    QLabel *m_progress;
    QLabel *m_verdict;
    QLabel *m_answeredBy;
    QLabel *m_findingsTitle;
    QVBoxLayout *m_findings;
    QLabel *m_suggestionsTitle;
    QVBoxLayout *m_suggestions;
    QTreeWidget *m_evidence;
    QLabel *m_status;
    QPushButton *m_runChecks;
};

} // namespace verbscope::ui
