<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>IEP Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong; your work is saved. Please report this.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchPrint</name>
    <message>
        <source>1 participant has no plan yet, so nothing was printed for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. {plans} of {total} participants were saved to {folder}; each of them is complete. Print again to make the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: the plans saved so far stay, each one complete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the plans…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print plans to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {done} of {total}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {plans} as PDF files to {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the plans of {total} participants…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong while printing; the PDFs already saved are complete. Please report this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDFs could not be saved in {folder} ({why}). Check that the folder or USB stick is there and has room, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} participants have no plan yet, so nothing was printed for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} plans</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseNotes</name>
    <message>
        <source>&amp;Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(corrects an earlier note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(corrects note of {day})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note needs a title and the story (R-C1). An incentive note also needs figures, next steps and a follow-up date here. Ctrl+Enter saves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note needs a title and the story (R-C1); the rest helps whoever reads it next. Ctrl+Enter saves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case notes — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a note in the list to read all of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close case notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction of the note of {day} saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline: {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures: dates, amounts, scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-&amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up date: {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the note a title, e.g. &apos;Job fair follow-up&apos; (R-C1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal: {goal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it will be done, and by whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How: {how}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incentive case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is part of {name}&apos;s record now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step: how</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case notes yet. Write the first one on the right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved case notes, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved notes are never changed or deleted. To fix one, choose it and write a correction: a new note that points at it (R-C1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the next step deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;ory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Story: what happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This board asks every incentive note for a title, the story, {parts} (R-C1). Ctrl+Enter saves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This board asks every note for a title, the story, {parts} (R-C1). Ctrl+Enter saves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This corrects the note “{title}” of {day}. That note stays as it is; this one is saved next to it and points at it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an &amp;incentive case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This note is not saved yet. Save it, or close again to throw away what you typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, who was there, what was agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should happen next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a &amp;correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a correction of the chosen note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new note instead of a correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written {day} by {author}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corrected {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Job fair follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. TABE reading 8.4; bus pass $50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next steps (goal, how and deadline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Caseload</name>
    <message>
        <source>&amp;Case notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Goals and objectives…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print plans…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close goals and objectives with their outcome, or reopen one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close plan at e&amp;xit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close plan at exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the plan when the participant exits the program (R-V4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals and objectives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs me this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New participant (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one matches “{typed}”.
Check the spelling, or search by date of birth (MM/DD/YYYY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No participant has the plan status “{status}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No participants yet.
Add the first one with New participant (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the plan of the selected participant (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan s&amp;tatus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the plans of everyone in the list to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read and write the case notes of the selected participant (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a ser&amp;vice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a service as it happens: a planned one, or one delivered now (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviews, objective reviews, service ends and follow-ups due, by date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plans of everyone in the list as PDF files in a folder (Ctrl+Shift+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, ID or date of birth (MM/DD/YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the periodic review of an open plan signed at least once (R-V1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This &amp;week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {everyone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {everyone} (scroll for more, or refine the search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total} participants</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as MM/DD/YYYY, e.g. 06/10/2008.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the calendar (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth {day} is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth {day} makes the participant {age} years old, older than 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth {day} makes the participant {age} years old, younger than 14.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a date as MM/DD/YYYY, e.g. 06/10/2008.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a date on or after {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a date on or before {day}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Back to &amp;caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No print queue on this computer: save the participant copy PDF and print it from your PDF reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed: the print queue said {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {name} was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office copy: the signed plan for the participant&apos;s file at the office. Participant copy: the same plan, marked as the participant&apos;s, to hand to them today. Neither copy prints confidential counseling statements (R-A2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rint participant copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print participant copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;office copy PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;participant copy PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save office copy PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save participant copy PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} already exists in {folder}. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Auto-lock after…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Goals and objectives…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New participant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print plans to a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case &amp;notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close plan at e&amp;xit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your passphrase to continue where you were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IEP Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IEP Desktop did not close properly last time, so the plans open then are open again. {what} Check them, then carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IEP Desktop locked itself after 1 minute without use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IEP Desktop locked itself after {minutes} minutes without use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IEP Desktop — Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after this many minutes without use:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs me this &amp;week…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one is in the list. Clear the search or the filter, then print again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open plan (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a ser&amp;vice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovered unsaved typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovered unsaved typing: IEP Desktop did not close properly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync with the office…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plans as PDF files in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <source>&amp;Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Eligibility date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep this date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SSN last 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the {name}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth (MM/DD/YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates are MM/DD/YYYY. Leave the eligibility date empty until it is determined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eligibility determined on (MM/DD/YYYY, optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English &amp;learner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English learner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter all 4 last digits of the SSN, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the participant&apos;s first and last name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;ast name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No board profile is installed; ask office IT to install one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem with the participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSN last 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSN last 4 digits (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eligibility date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{doubt} Is that right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: {problem}. Correct it and save again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanLife</name>
    <message>
        <source> (reopened)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount ($)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Successful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unsuccessful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actually ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actually started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount in dollars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another service, delivered now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close an objective when it is reached or given up, with its outcome (R-O4), and a goal with its reason (R-G4). An open plan keeps at least one open objective (R-P4). A closing made by mistake can be reopened; the closing stays on the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close as successful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close as unsuccessful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the &amp;plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the chosen one on (MM/DD/YYYY):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the {kind} at exit — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed &amp;date (MM/DD/YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed as {outcome} on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed {day}, {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments on how it went</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documented as it happens (R-S3). Recording how a planned service went does not change what was signed, unless this board signs every change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended (MM/DD/YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered education or training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered employment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal / objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals and objectives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals and objectives — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the participant exited, and what comes next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the service went</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved out of the area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer participating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No service since {day} and none planned: under the exit rule the participant exited on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a service — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the chosen item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopened; the closing is kept on the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review or completion by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service &amp;code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started (MM/DD/YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount &apos;{typed}&apos; is not a sum of money; type it like 250.00 (R-S3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan closes when the participant exits the program (R-V4). Its signed versions stay readable and printable, and a new plan can start (R-P1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What &amp;happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it is reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it was not completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why not &amp;completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why reopen it, e.g. closed by mistake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the plan closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 250.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Moved out of the area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Resume finished, certificate earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. WIOA Adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since {start}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} {name}, {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start}–{end}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanSummary</name>
    <message>
        <source>    • Step: {text}{review}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>    • {name}{who}, {start} to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> with {provider}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, checked on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal {n}: {text} (by {day})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No goals yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no plan to sign yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanWizard</name>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back on the {page} page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the form: {record}, as saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It stopped here on the way to the {page} page: see what this page asks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and c&amp;lose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There was no unsaved typing to put back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved typing put back: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrerequisitesPage</name>
    <message>
        <source>Every required prerequisite is done: the {kind} can start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan cannot start yet (R-P2). Still to do:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign your full name with a pen, a finger or the mouse. Ctrl+Z undoes the last stroke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature pad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature is empty or too short. Please sign your full name on the line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo last stroke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role} signature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignaturesPage</name>
    <message>
        <source>Show &amp;details (status and plan fingerprint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show details: status and plan fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the participant signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What {name} signs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding signed plan {number}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Nothing was exported and nothing changed on this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counseling statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a sync bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the sync bundle to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to folder or USB stick…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IEP bundles (*.iepb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a return bundle from the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import return bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the office&apos;s return bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: {confirmed} changes confirmed by the office, {conflicts} waiting for the office to decide, {updated} records updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept here (R-A2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept here: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return bundle {number} was already imported; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} (it was already being written when you pressed Cancel) with {changes} changes and {signed} signed plans.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} with {changes} changes and {signed} signed plans.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent, waiting for the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong; nothing changed on this laptop. Please report this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync state of each record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync with the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take it to the office; nothing is removed from this laptop until the office confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop is enrolled as {office}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop is not enrolled with an office yet. Ask office IT for an enrollment file, then run &apos;iep enroll&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the office (a conflict to decide; your value is kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the office: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{counts} (changes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThisWeek</name>
    <message>
        <source> (passed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs me this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is due this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objective review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviews due or overdue, objective reviews passed, services that should have ended, and case-note follow-ups due, for every open plan, by date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What needs you this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} to do, {late} of them past their date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>&amp;Create store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open an existing store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({missing} more to go).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;location…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the office recovery key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your encrypted store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data: synthetic people only. Never put a real participant in this store.
The demo passphrase is filled in for you: “{passphrase}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good: long enough, and both are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IEP store (*.iep);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If your office gave you a recovery key file, add it: office IT can then reopen the store if the passphrase is forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Long enough. Now type it again below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Long enough. The two passphrases are not the same yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New store: {name}&lt;br&gt;in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recovery key chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office recovery key (*.json *.pub);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office recovery key (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an IEP store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans are kept in one encrypted file on this laptop. Choose a passphrase you will remember: nobody can open the store without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the office recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: {name}&lt;br&gt;in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passphrases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock your caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking… this takes a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait 1 second, then try again; your data is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait {seconds} seconds, then try again; your data is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to keep the new store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count}+ characters; a few unrelated words is best</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
