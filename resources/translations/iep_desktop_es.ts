<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>IEP Desktop</source>
        <translation>IEP Desktop</translation>
    </message>
    <message>
        <source>Something went wrong; your work is saved. Please report this.</source>
        <translation>Algo salió mal; su trabajo está guardado. Por favor, infórmelo.</translation>
    </message>
</context>
<context>
    <name>BatchPrint</name>
    <message>
        <source>1 participant has no plan yet, so nothing was printed for them.</source>
        <translation>1 participante aún no tiene plan, así que no se imprimió nada para esa persona.</translation>
    </message>
    <message>
        <source>1 plan</source>
        <translation>1 plan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel printing</source>
        <translation>Cancelar la impresión</translation>
    </message>
    <message>
        <source>Cancelled. {plans} of {total} participants were saved to {folder}; each of them is complete. Print again to make the rest.</source>
        <translation>Cancelado. Se guardaron {plans} de {total} participantes en {folder}; cada uno está completo. Vuelva a imprimir para hacer el resto.</translation>
    </message>
    <message>
        <source>Cancelling: the plans saved so far stay, each one complete…</source>
        <translation>Cancelando: los planes guardados hasta ahora se quedan, cada uno completo…</translation>
    </message>
    <message>
        <source>Finding the plans…</source>
        <translation>Buscando los planes…</translation>
    </message>
    <message>
        <source>Print plans to a folder</source>
        <translation>Imprimir planes en una carpeta</translation>
    </message>
    <message>
        <source>Printing plans</source>
        <translation>Imprimiendo planes</translation>
    </message>
    <message>
        <source>Saved {done} of {total}…</source>
        <translation>Guardados {done} de {total}…</translation>
    </message>
    <message>
        <source>Saved {plans} as PDF files to {folder}.</source>
        <translation>Se guardaron {plans} como archivos PDF en {folder}.</translation>
    </message>
    <message>
        <source>Saving the plans of {total} participants…</source>
        <translation>Guardando los planes de {total} participantes…</translation>
    </message>
    <message>
        <source>Something went wrong while printing; the PDFs already saved are complete. Please report this.</source>
        <translation>Algo salió mal al imprimir; los PDF ya guardados están completos. Por favor, infórmelo.</translation>
    </message>
    <message>
        <source>The PDFs could not be saved in {folder} ({why}). Check that the folder or USB stick is there and has room, then try again.</source>
        <translation>No se pudieron guardar los PDF en {folder} ({why}). Compruebe que la carpeta o la memoria USB está ahí y tiene espacio, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>write error</source>
        <translation>error de escritura</translation>
    </message>
    <message>
        <source>{count} participants have no plan yet, so nothing was printed for them.</source>
        <translation>{count} participantes aún no tienen plan, así que no se imprimió nada para ellos.</translation>
    </message>
    <message>
        <source>{count} plans</source>
        <translation>{count} planes</translation>
    </message>
</context>
<context>
    <name>CaseNotes</name>
    <message>
        <source>&amp;Deadline</source>
        <translation>Fecha &amp;límite</translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation>&amp;Cifras</translation>
    </message>
    <message>
        <source>&amp;Goal</source>
        <translation>&amp;Meta</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>&amp;Cómo</translation>
    </message>
    <message>
        <source>&amp;Save note</source>
        <translation>&amp;Guardar nota</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Título</translation>
    </message>
    <message>
        <source>(corrects an earlier note)</source>
        <translation>(corrige una nota anterior)</translation>
    </message>
    <message>
        <source>(corrects note of {day})</source>
        <translation>(corrige la nota del {day})</translation>
    </message>
    <message>
        <source>A note needs a title and the story (R-C1). An incentive note also needs figures, next steps and a follow-up date here. Ctrl+Enter saves.</source>
        <translation>Una nota necesita un título y el relato (R-C1). Aquí una nota de incentivo también necesita cifras, próximos pasos y una fecha de seguimiento. Ctrl+Enter guarda.</translation>
    </message>
    <message>
        <source>A note needs a title and the story (R-C1); the rest helps whoever reads it next. Ctrl+Enter saves.</source>
        <translation>Una nota necesita un título y el relato (R-C1); lo demás ayuda a quien la lea después. Ctrl+Enter guarda.</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Borrar</translation>
    </message>
    <message>
        <source>Case notes — {name}</source>
        <translation>Notas de caso — {name}</translation>
    </message>
    <message>
        <source>Choose a note in the list to read all of it.</source>
        <translation>Elija una nota de la lista para leerla completa.</translation>
    </message>
    <message>
        <source>Clear the form</source>
        <translation>Vaciar el formulario</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close case notes</source>
        <translation>Cerrar las notas de caso</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Corrección</translation>
    </message>
    <message>
        <source>Correction of the note of {day} saved.</source>
        <translation>Corrección de la nota del {day} guardada.</translation>
    </message>
    <message>
        <source>Correction: {title}</source>
        <translation>Corrección: {title}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Deadline: {day}</source>
        <translation>Fecha límite: {day}</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Cifras</translation>
    </message>
    <message>
        <source>Figures: dates, amounts, scores</source>
        <translation>Cifras: fechas, montos, puntajes</translation>
    </message>
    <message>
        <source>Follow-&amp;up</source>
        <translation>Se&amp;guimiento</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Fecha de seguimiento</translation>
    </message>
    <message>
        <source>Follow-up date: {day}</source>
        <translation>Fecha de seguimiento: {day}</translation>
    </message>
    <message>
        <source>Give the note a title, e.g. &apos;Job fair follow-up&apos; (R-C1).</source>
        <translation>Dé un título a la nota, p. ej. &apos;Seguimiento de la feria de empleo&apos; (R-C1).</translation>
    </message>
    <message>
        <source>Goal: {goal}</source>
        <translation>Meta: {goal}</translation>
    </message>
    <message>
        <source>How it will be done, and by whom</source>
        <translation>Cómo se hará y quién lo hará</translation>
    </message>
    <message>
        <source>How: {how}</source>
        <translation>Cómo: {how}</translation>
    </message>
    <message>
        <source>Incentive case note</source>
        <translation>Nota de caso de incentivo</translation>
    </message>
    <message>
        <source>It is part of {name}&apos;s record now.</source>
        <translation>Ahora forma parte del expediente de {name}.</translation>
    </message>
    <message>
        <source>New case note</source>
        <translation>Nueva nota de caso</translation>
    </message>
    <message>
        <source>Next step deadline</source>
        <translation>Fecha límite del próximo paso</translation>
    </message>
    <message>
        <source>Next step goal</source>
        <translation>Meta del próximo paso</translation>
    </message>
    <message>
        <source>Next step: how</source>
        <translation>Próximo paso: cómo</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>Próximos pasos</translation>
    </message>
    <message>
        <source>No case notes yet. Write the first one on the right.</source>
        <translation>Aún no hay notas de caso. Escriba la primera a la derecha.</translation>
    </message>
    <message>
        <source>Not a correction</source>
        <translation>No es una corrección</translation>
    </message>
    <message>
        <source>Note saved.</source>
        <translation>Nota guardada.</translation>
    </message>
    <message>
        <source>Note title</source>
        <translation>Título de la nota</translation>
    </message>
    <message>
        <source>Save the case note</source>
        <translation>Guardar la nota de caso</translation>
    </message>
    <message>
        <source>Saved case notes, newest first</source>
        <translation>Notas de caso guardadas, las más recientes primero</translation>
    </message>
    <message>
        <source>Saved notes are never changed or deleted. To fix one, choose it and write a correction: a new note that points at it (R-C1).</source>
        <translation>Las notas guardadas nunca se cambian ni se borran. Para corregir una, elíjala y escriba una corrección: una nota nueva que apunta a ella (R-C1).</translation>
    </message>
    <message>
        <source>Set a date</source>
        <translation>Poner una fecha</translation>
    </message>
    <message>
        <source>Set the follow-up date</source>
        <translation>Poner la fecha de seguimiento</translation>
    </message>
    <message>
        <source>Set the next step deadline</source>
        <translation>Poner la fecha límite del próximo paso</translation>
    </message>
    <message>
        <source>St&amp;ory</source>
        <translation>Re&amp;lato</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>Relato</translation>
    </message>
    <message>
        <source>Story: what happened</source>
        <translation>Relato: qué pasó</translation>
    </message>
    <message>
        <source>The chosen case note</source>
        <translation>La nota de caso elegida</translation>
    </message>
    <message>
        <source>This board asks every incentive note for a title, the story, {parts} (R-C1). Ctrl+Enter saves.</source>
        <translation>Esta junta pide a cada nota de incentivo un título, el relato, {parts} (R-C1). Ctrl+Enter guarda.</translation>
    </message>
    <message>
        <source>This board asks every note for a title, the story, {parts} (R-C1). Ctrl+Enter saves.</source>
        <translation>Esta junta pide a cada nota un título, el relato, {parts} (R-C1). Ctrl+Enter guarda.</translation>
    </message>
    <message>
        <source>This corrects the note “{title}” of {day}. That note stays as it is; this one is saved next to it and points at it.</source>
        <translation>Esto corrige la nota «{title}» del {day}. Esa nota queda como está; esta se guarda junto a ella y apunta a ella.</translation>
    </message>
    <message>
        <source>This is an &amp;incentive case note</source>
        <translation>Es una nota de caso de &amp;incentivo</translation>
    </message>
    <message>
        <source>This note is not saved yet. Save it, or close again to throw away what you typed.</source>
        <translation>Esta nota aún no se ha guardado. Guárdela, o vuelva a cerrar para descartar lo que escribió.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>What happened, who was there, what was agreed</source>
        <translation>Qué pasó, quién estuvo, qué se acordó</translation>
    </message>
    <message>
        <source>What should happen next</source>
        <translation>Qué debería pasar después</translation>
    </message>
    <message>
        <source>Write a &amp;correction</source>
        <translation>Escribir una &amp;corrección</translation>
    </message>
    <message>
        <source>Write a correction of the chosen note</source>
        <translation>Escribir una corrección de la nota elegida</translation>
    </message>
    <message>
        <source>Write a new note instead of a correction</source>
        <translation>Escribir una nota nueva en lugar de una corrección</translation>
    </message>
    <message>
        <source>Written {day} by {author}</source>
        <translation>Escrita el {day} por {author}</translation>
    </message>
    <message>
        <source>a follow-up date</source>
        <translation>una fecha de seguimiento</translation>
    </message>
    <message>
        <source>corrected {day}</source>
        <translation>corregida el {day}</translation>
    </message>
    <message>
        <source>e.g. Job fair follow-up</source>
        <translation>p. ej. Seguimiento de la feria de empleo</translation>
    </message>
    <message>
        <source>e.g. TABE reading 8.4; bus pass $50</source>
        <translation>p. ej. TABE lectura 8.4; pase de autobús $50</translation>
    </message>
    <message>
        <source>figures</source>
        <translation>cifras</translation>
    </message>
    <message>
        <source>next steps (goal, how and deadline)</source>
        <translation>próximos pasos (meta, cómo y fecha límite)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
</context>
<context>
    <name>Caseload</name>
    <message>
        <source>&amp;Case notes</source>
        <translation>&amp;Notas de caso</translation>
    </message>
    <message>
        <source>&amp;Goals and objectives…</source>
        <translation>&amp;Metas y objetivos…</translation>
    </message>
    <message>
        <source>&amp;New participant</source>
        <translation>&amp;Nuevo participante</translation>
    </message>
    <message>
        <source>&amp;Open plan</source>
        <translation>&amp;Abrir plan</translation>
    </message>
    <message>
        <source>&amp;Print plans…</source>
        <translation>&amp;Imprimir planes…</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>1 participant</source>
        <translation>1 participante</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Awaiting signature</source>
        <translation>Pendiente de firma</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Junta</translation>
    </message>
    <message>
        <source>Case notes</source>
        <translation>Notas de caso</translation>
    </message>
    <message>
        <source>Close goals and objectives with their outcome, or reopen one</source>
        <translation>Cerrar metas y objetivos con su resultado, o reabrir uno</translation>
    </message>
    <message>
        <source>Close plan at e&amp;xit…</source>
        <translation>Cerrar el plan a la &amp;salida…</translation>
    </message>
    <message>
        <source>Close plan at exit</source>
        <translation>Cerrar el plan a la salida</translation>
    </message>
    <message>
        <source>Close the plan when the participant exits the program (R-V4)</source>
        <translation>Cerrar el plan cuando el participante sale del programa (R-V4)</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nac.</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Goals and objectives</source>
        <translation>Metas y objetivos</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Needs me this week</source>
        <translation>Pendientes de esta semana</translation>
    </message>
    <message>
        <source>New participant</source>
        <translation>Nuevo participante</translation>
    </message>
    <message>
        <source>New participant (Ctrl+N)</source>
        <translation>Nuevo participante (Ctrl+N)</translation>
    </message>
    <message>
        <source>No one matches “{typed}”.
Check the spelling, or search by date of birth (MM/DD/YYYY).</source>
        <translation>Nadie coincide con «{typed}».
Revise la ortografía, o busque por fecha de nacimiento (MM/DD/AAAA).</translation>
    </message>
    <message>
        <source>No participant has the plan status “{status}”.</source>
        <translation>Ningún participante tiene el estado de plan «{status}».</translation>
    </message>
    <message>
        <source>No participants yet.
Add the first one with New participant (Ctrl+N).</source>
        <translation>Aún no hay participantes.
Agregue el primero con Nuevo participante (Ctrl+N).</translation>
    </message>
    <message>
        <source>No plan</source>
        <translation>Sin plan</translation>
    </message>
    <message>
        <source>Open the plan of the selected participant (Enter)</source>
        <translation>Abrir el plan del participante seleccionado (Enter)</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <source>Plan s&amp;tatus</source>
        <translation>Es&amp;tado del plan</translation>
    </message>
    <message>
        <source>Plan status</source>
        <translation>Estado del plan</translation>
    </message>
    <message>
        <source>Plan status filter</source>
        <translation>Filtro por estado del plan</translation>
    </message>
    <message>
        <source>Print the plans of everyone in the list to a folder</source>
        <translation>Imprimir en una carpeta los planes de todas las personas de la lista</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Read and write the case notes of the selected participant (Ctrl+Shift+N)</source>
        <translation>Leer y escribir las notas de caso del participante seleccionado (Ctrl+Mayús+N)</translation>
    </message>
    <message>
        <source>Record a ser&amp;vice…</source>
        <translation>Registrar un ser&amp;vicio…</translation>
    </message>
    <message>
        <source>Record a service</source>
        <translation>Registrar un servicio</translation>
    </message>
    <message>
        <source>Record a service as it happens: a planned one, or one delivered now (Ctrl+Shift+S)</source>
        <translation>Registrar un servicio a medida que ocurre: uno previsto, o uno prestado ahora (Ctrl+Mayús+S)</translation>
    </message>
    <message>
        <source>Review due</source>
        <translation>Revisión pendiente</translation>
    </message>
    <message>
        <source>Review overdue</source>
        <translation>Revisión vencida</translation>
    </message>
    <message>
        <source>Reviews, objective reviews, service ends and follow-ups due, by date</source>
        <translation>Revisiones, revisiones de objetivos, fines de servicios y seguimientos pendientes, por fecha</translation>
    </message>
    <message>
        <source>Save the plans of everyone in the list as PDF files in a folder (Ctrl+Shift+P)</source>
        <translation>Guardar los planes de todas las personas de la lista como archivos PDF en una carpeta (Ctrl+Mayús+P)</translation>
    </message>
    <message>
        <source>Search by name, ID or date of birth (MM/DD/YYYY)</source>
        <translation>Nombre, ID o fecha de nacimiento (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Search participants</source>
        <translation>Buscar participantes</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <source>Start &amp;review</source>
        <translation>Empezar &amp;revisión</translation>
    </message>
    <message>
        <source>Start the periodic review of an open plan signed at least once (R-V1)</source>
        <translation>Empezar la revisión periódica de un plan abierto firmado al menos una vez (R-V1)</translation>
    </message>
    <message>
        <source>Tampered</source>
        <translation>Alterado</translation>
    </message>
    <message>
        <source>This &amp;week</source>
        <translation>Esta &amp;semana</translation>
    </message>
    <message>
        <source>{shown} of {everyone}</source>
        <translation>{shown} de {everyone}</translation>
    </message>
    <message>
        <source>{shown} of {everyone} (scroll for more, or refine the search)</source>
        <translation>{shown} de {everyone} (desplácese para ver más, o afine la búsqueda)</translation>
    </message>
    <message>
        <source>{total} participants</source>
        <translation>{total} participantes</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as MM/DD/YYYY, e.g. 06/10/2008.</source>
        <translation>&apos;{text}&apos; no es una fecha. Escríbala como MM/DD/AAAA, p. ej. 06/10/2008.</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation>MM/DD/AAAA</translation>
    </message>
    <message>
        <source>Open the calendar (Alt+Down)</source>
        <translation>Abrir el calendario (Alt+Abajo)</translation>
    </message>
    <message>
        <source>The date of birth {day} is in the future.</source>
        <translation>La fecha de nacimiento {day} está en el futuro.</translation>
    </message>
    <message>
        <source>The date of birth {day} makes the participant {age} years old, older than 100.</source>
        <translation>Con la fecha de nacimiento {day} el participante tendría {age} años, más de 100.</translation>
    </message>
    <message>
        <source>The date of birth {day} makes the participant {age} years old, younger than 14.</source>
        <translation>Con la fecha de nacimiento {day} el participante tendría {age} años, menos de 14.</translation>
    </message>
    <message>
        <source>Type a date as MM/DD/YYYY, e.g. 06/10/2008.</source>
        <translation>Escriba una fecha como MM/DD/AAAA, p. ej. 06/10/2008.</translation>
    </message>
    <message>
        <source>Type a date on or after {day}.</source>
        <translation>Escriba una fecha igual o posterior al {day}.</translation>
    </message>
    <message>
        <source>Type a date on or before {day}.</source>
        <translation>Escriba una fecha igual o anterior al {day}.</translation>
    </message>
    <message>
        <source>{name} ({hint})</source>
        <translation>{name} ({hint})</translation>
    </message>
</context>
<context>
    <name>Goals</name>
    <message>
        <source>Established</source>
        <translation>Establecida</translation>
    </message>
    <message>
        <source>Established (MM/DD/YYYY)</source>
        <translation>Establecida (MM/DD/AAAA)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Auto-lock after…</source>
        <translation>&amp;Bloqueo automático tras…</translation>
    </message>
    <message>
        <source>&amp;Find participant</source>
        <translation>&amp;Buscar participante</translation>
    </message>
    <message>
        <source>&amp;Goals and objectives…</source>
        <translation>&amp;Metas y objetivos…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Bloquear ahora</translation>
    </message>
    <message>
        <source>&amp;New participant…</source>
        <translation>&amp;Nuevo participante…</translation>
    </message>
    <message>
        <source>&amp;Open plan</source>
        <translation>&amp;Abrir plan</translation>
    </message>
    <message>
        <source>&amp;Participant</source>
        <translation>&amp;Participante</translation>
    </message>
    <message>
        <source>&amp;Print plans to a folder…</source>
        <translation>&amp;Imprimir planes en una carpeta…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Store</source>
        <translation>&amp;Almacén</translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation>Bloqueo automático</translation>
    </message>
    <message>
        <source>Case &amp;notes…</source>
        <translation>&amp;Notas de caso…</translation>
    </message>
    <message>
        <source>Close plan at e&amp;xit…</source>
        <translation>Cerrar el plan a la &amp;salida…</translation>
    </message>
    <message>
        <source>Enter your passphrase to continue where you were.</source>
        <translation>Escriba su frase de contraseña para seguir donde estaba.</translation>
    </message>
    <message>
        <source>IEP Desktop</source>
        <translation>IEP Desktop</translation>
    </message>
    <message>
        <source>IEP Desktop did not close properly last time, so the plans open then are open again. {what} Check them, then carry on.</source>
        <translation>IEP Desktop no se cerró bien la última vez, así que los planes abiertos entonces se abren de nuevo. {what} Revíselos y luego continúe.</translation>
    </message>
    <message>
        <source>IEP Desktop locked itself after 1 minute without use.</source>
        <translation>IEP Desktop se bloqueó tras 1 minuto sin uso.</translation>
    </message>
    <message>
        <source>IEP Desktop locked itself after {minutes} minutes without use.</source>
        <translation>IEP Desktop se bloqueó tras {minutes} minutos sin uso.</translation>
    </message>
    <message>
        <source>IEP Desktop — Demo</source>
        <translation>IEP Desktop — Demostración</translation>
    </message>
    <message>
        <source>Lock after this many minutes without use:</source>
        <translation>Bloquear tras estos minutos sin uso:</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Needs me this &amp;week…</source>
        <translation>Pendientes de esta &amp;semana…</translation>
    </message>
    <message>
        <source>No one is in the list. Clear the search or the filter, then print again.</source>
        <translation>No hay nadie en la lista. Borre la búsqueda o el filtro y vuelva a imprimir.</translation>
    </message>
    <message>
        <source>Open plan (Enter)</source>
        <translation>Abrir plan (Enter)</translation>
    </message>
    <message>
        <source>Plans printed</source>
        <translation>Planes impresos</translation>
    </message>
    <message>
        <source>Print plans</source>
        <translation>Imprimir planes</translation>
    </message>
    <message>
        <source>Printing cancelled</source>
        <translation>Impresión cancelada</translation>
    </message>
    <message>
        <source>Printing stopped</source>
        <translation>Impresión detenida</translation>
    </message>
    <message>
        <source>Record a ser&amp;vice…</source>
        <translation>Registrar un ser&amp;vicio…</translation>
    </message>
    <message>
        <source>Recovered unsaved typing</source>
        <translation>Texto sin guardar recuperado</translation>
    </message>
    <message>
        <source>Recovered unsaved typing: IEP Desktop did not close properly.</source>
        <translation>Texto sin guardar recuperado: IEP Desktop no se cerró bien.</translation>
    </message>
    <message>
        <source>S&amp;ync with the office…</source>
        <translation>Sincronizar con la &amp;oficina…</translation>
    </message>
    <message>
        <source>Save the plans as PDF files in…</source>
        <translation>Guardar los planes como archivos PDF en…</translation>
    </message>
    <message>
        <source>Start &amp;review</source>
        <translation>Empezar &amp;revisión</translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Junta</translation>
    </message>
    <message>
        <source>&amp;Change it</source>
        <translation>&amp;Cambiarla</translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation>&amp;Fecha de nacimiento</translation>
    </message>
    <message>
        <source>&amp;Eligibility date</source>
        <translation>Fecha de &amp;elegibilidad</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Keep this date</source>
        <translation>&amp;Mantener esta fecha</translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation>&amp;Oficina</translation>
    </message>
    <message>
        <source>&amp;Program</source>
        <translation>&amp;Programa</translation>
    </message>
    <message>
        <source>&amp;Region</source>
        <translation>&amp;Región</translation>
    </message>
    <message>
        <source>&amp;SSN last 4</source>
        <translation>Últimos 4 del &amp;SSN</translation>
    </message>
    <message>
        <source>A field</source>
        <translation>Un campo</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Junta</translation>
    </message>
    <message>
        <source>Check the date of birth</source>
        <translation>Revise la fecha de nacimiento</translation>
    </message>
    <message>
        <source>Check the {name}: {problem}</source>
        <translation>Revise {name}: {problem}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Date of birth (MM/DD/YYYY)</source>
        <translation>Fecha de nacimiento (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Dates are MM/DD/YYYY. Leave the eligibility date empty until it is determined.</source>
        <translation>Las fechas son MM/DD/AAAA. Deje vacía la fecha de elegibilidad hasta que se determine.</translation>
    </message>
    <message>
        <source>Eligibility determined on (MM/DD/YYYY, optional)</source>
        <translation>Elegibilidad determinada el (MM/DD/AAAA, opcional)</translation>
    </message>
    <message>
        <source>English &amp;learner</source>
        <translation>Aprendiz de &amp;inglés</translation>
    </message>
    <message>
        <source>English learner</source>
        <translation>Aprendiz de inglés</translation>
    </message>
    <message>
        <source>Enter all 4 last digits of the SSN, or leave it empty.</source>
        <translation>Escriba los 4 últimos dígitos del SSN, o déjelo vacío.</translation>
    </message>
    <message>
        <source>Enter the participant&apos;s first and last name.</source>
        <translation>Escriba el nombre y el apellido del participante.</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>L&amp;ast name</source>
        <translation>&amp;Apellido</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>New participant</source>
        <translation>Nuevo participante</translation>
    </message>
    <message>
        <source>No board profile is installed; ask office IT to install one.</source>
        <translation>No hay ningún perfil de junta instalado; pida al personal de TI de la oficina que instale uno.</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>Preferred lan&amp;guage</source>
        <translation>&amp;Idioma preferido</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Idioma preferido</translation>
    </message>
    <message>
        <source>Problem with the participant</source>
        <translation>Problema con el participante</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <source>SSN last 4</source>
        <translation>Últimos 4 del SSN</translation>
    </message>
    <message>
        <source>SSN last 4 digits (optional)</source>
        <translation>Últimos 4 dígitos del SSN (opcional)</translation>
    </message>
    <message>
        <source>Save participant</source>
        <translation>Guardar participante</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>fecha de nacimiento</translation>
    </message>
    <message>
        <source>eligibility date</source>
        <translation>fecha de elegibilidad</translation>
    </message>
    <message>
        <source>{doubt} Is that right?</source>
        <translation>{doubt} ¿Es correcto?</translation>
    </message>
    <message>
        <source>{field}: {problem}. Correct it and save again.</source>
        <translation>{field}: {problem}. Corríjalo y vuelva a guardar.</translation>
    </message>
</context>
<context>
    <name>PlanLife</name>
    <message>
        <source>&amp;Amount ($)</source>
        <translation>&amp;Monto ($)</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Hecho</translation>
    </message>
    <message>
        <source>&amp;Funding source</source>
        <translation>&amp;Fuente de financiamiento</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Resultado</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>&amp;Reabrir</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>&amp;Successful</source>
        <translation>&amp;Logrado</translation>
    </message>
    <message>
        <source>&amp;Unsuccessful</source>
        <translation>&amp;No logrado</translation>
    </message>
    <message>
        <source>Actually ended</source>
        <translation>Terminó realmente</translation>
    </message>
    <message>
        <source>Actually started</source>
        <translation>Empezó realmente</translation>
    </message>
    <message>
        <source>Amount in dollars</source>
        <translation>Monto en dólares</translation>
    </message>
    <message>
        <source>Another service, delivered now…</source>
        <translation>Otro servicio, prestado ahora…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close an objective when it is reached or given up, with its outcome (R-O4), and a goal with its reason (R-G4). An open plan keeps at least one open objective (R-P4). A closing made by mistake can be reopened; the closing stays on the record.</source>
        <translation>Cierre un objetivo cuando se alcance o se abandone, con su resultado (R-O4), y una meta con su motivo (R-G4). Un plan abierto conserva al menos un objetivo abierto (R-P4). Un cierre hecho por error se puede reabrir; el cierre queda en el registro.</translation>
    </message>
    <message>
        <source>Close as successful</source>
        <translation>Cerrar como logrado</translation>
    </message>
    <message>
        <source>Close as unsuccessful</source>
        <translation>Cerrar como no logrado</translation>
    </message>
    <message>
        <source>Close the &amp;plan</source>
        <translation>Cerrar el &amp;plan</translation>
    </message>
    <message>
        <source>Close the chosen one on (MM/DD/YYYY):</source>
        <translation>Cerrar el elegido el (MM/DD/AAAA):</translation>
    </message>
    <message>
        <source>Close the {kind} at exit — {who}</source>
        <translation>Cerrar el plan {kind} a la salida — {who}</translation>
    </message>
    <message>
        <source>Closed &amp;date (MM/DD/YYYY)</source>
        <translation>&amp;Fecha de cierre (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Closed date</source>
        <translation>Fecha de cierre</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Cerrado el</translation>
    </message>
    <message>
        <source>Closing &amp;note</source>
        <translation>&amp;Nota de cierre</translation>
    </message>
    <message>
        <source>Closing case note</source>
        <translation>Nota de caso de cierre</translation>
    </message>
    <message>
        <source>Co&amp;mments</source>
        <translation>Co&amp;mentarios</translation>
    </message>
    <message>
        <source>Comments on how it went</source>
        <translation>Comentarios sobre cómo fue</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <source>Documented as it happens (R-S3). Recording how a planned service went does not change what was signed, unless this board signs every change.</source>
        <translation>Se documenta a medida que ocurre (R-S3). Registrar cómo fue un servicio previsto no cambia lo firmado, salvo que esta junta firme cada cambio.</translation>
    </message>
    <message>
        <source>Ended (MM/DD/YYYY)</source>
        <translation>Terminó (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Entered education or training</source>
        <translation>Ingresó a educación o capacitación</translation>
    </message>
    <message>
        <source>Entered employment</source>
        <translation>Consiguió empleo</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Fuente de financiamiento</translation>
    </message>
    <message>
        <source>Goal / objective</source>
        <translation>Meta / objetivo</translation>
    </message>
    <message>
        <source>Goal closed as {outcome} on {day}.</source>
        <translation>Meta cerrada como {outcome} el {day}.</translation>
    </message>
    <message>
        <source>Goal: {text}</source>
        <translation>Meta: {text}</translation>
    </message>
    <message>
        <source>Goals and objectives</source>
        <translation>Metas y objetivos</translation>
    </message>
    <message>
        <source>Goals and objectives — {who}</source>
        <translation>Metas y objetivos — {who}</translation>
    </message>
    <message>
        <source>How the participant exited, and what comes next</source>
        <translation>Cómo salió el participante y qué sigue</translation>
    </message>
    <message>
        <source>How the service went</source>
        <translation>Cómo fue el servicio</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Moved out of the area</source>
        <translation>Se mudó fuera del área</translation>
    </message>
    <message>
        <source>No longer participating</source>
        <translation>Ya no participa</translation>
    </message>
    <message>
        <source>No service since {day} and none planned: under the exit rule the participant exited on {day}.</source>
        <translation>Ningún servicio desde el {day} y ninguno previsto: según la regla de salida, el participante salió el {day}.</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>No completado</translation>
    </message>
    <message>
        <source>Objective closed as {outcome} on {day}.</source>
        <translation>Objetivo cerrado como {outcome} el {day}.</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Previsto</translation>
    </message>
    <message>
        <source>Record a service — {who}</source>
        <translation>Registrar un servicio — {who}</translation>
    </message>
    <message>
        <source>Reopen the chosen item</source>
        <translation>Reabrir el elemento elegido</translation>
    </message>
    <message>
        <source>Reopened; the closing is kept on the record.</source>
        <translation>Reabierto; el cierre queda en el registro.</translation>
    </message>
    <message>
        <source>Review or completion by</source>
        <translation>Revisión o finalización para el</translation>
    </message>
    <message>
        <source>Save the service</source>
        <translation>Guardar el servicio</translation>
    </message>
    <message>
        <source>Ser&amp;vice</source>
        <translation>Ser&amp;vicio</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Service &amp;code</source>
        <translation>&amp;Código de servicio</translation>
    </message>
    <message>
        <source>Service code</source>
        <translation>Código de servicio</translation>
    </message>
    <message>
        <source>Started (MM/DD/YYYY)</source>
        <translation>Empezó (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>The amount &apos;{typed}&apos; is not a sum of money; type it like 250.00 (R-S3).</source>
        <translation>El monto &apos;{typed}&apos; no es una cantidad de dinero; escríbalo como 250.00 (R-S3).</translation>
    </message>
    <message>
        <source>The plan closes when the participant exits the program (R-V4). Its signed versions stay readable and printable, and a new plan can start (R-P1).</source>
        <translation>El plan se cierra cuando el participante sale del programa (R-V4). Sus versiones firmadas siguen pudiéndose leer e imprimir, y se puede empezar un plan nuevo (R-P1).</translation>
    </message>
    <message>
        <source>What &amp;happened</source>
        <translation>Qué &amp;pasó</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <source>Why it is reopened</source>
        <translation>Por qué se reabre</translation>
    </message>
    <message>
        <source>Why it was not completed</source>
        <translation>Por qué no se completó</translation>
    </message>
    <message>
        <source>Why not &amp;completed</source>
        <translation>Por qué no se &amp;completó</translation>
    </message>
    <message>
        <source>Why reopen it, e.g. closed by mistake</source>
        <translation>Por qué se reabre, p. ej. se cerró por error</translation>
    </message>
    <message>
        <source>Why the plan closes</source>
        <translation>Por qué se cierra el plan</translation>
    </message>
    <message>
        <source>as</source>
        <translation>como</translation>
    </message>
    <message>
        <source>e.g. 250.00</source>
        <translation>p. ej. 250.00</translation>
    </message>
    <message>
        <source>e.g. Moved out of the area</source>
        <translation>p. ej. Se mudó fuera del área</translation>
    </message>
    <message>
        <source>e.g. Resume finished, certificate earned</source>
        <translation>p. ej. Currículum terminado, certificado obtenido</translation>
    </message>
    <message>
        <source>e.g. WIOA Adult</source>
        <translation>p. ej. WIOA Adultos</translation>
    </message>
    <message>
        <source>no outcome</source>
        <translation>sin resultado</translation>
    </message>
    <message>
        <source>since {start}</source>
        <translation>desde el {start}</translation>
    </message>
    <message>
        <source>{closed} {day}, {outcome}</source>
        <translation>{closed} el {day}, {outcome}</translation>
    </message>
    <message>
        <source>{code} {name}, {when}</source>
        <translation>{code} {name}, {when}</translation>
    </message>
    <message>
        <source>{start}–{end}</source>
        <translation>{start}–{end}</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation>Borrar la firma</translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation>Fecha: {date}</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>Firme aquí</translation>
    </message>
    <message>
        <source>Sign your full name with a pen, a finger or the mouse, or type it and press Enter. Ctrl+Z undoes the last stroke.</source>
        <translation>Firme con su nombre completo con un lápiz, un dedo o el ratón, o escríbalo y pulse Enter. Ctrl+Z deshace el último trazo.</translation>
    </message>
    <message>
        <source>Signature pad</source>
        <translation>Panel de firma</translation>
    </message>
    <message>
        <source>The signature is empty or too short. Please sign your full name on the line.</source>
        <translation>La firma está vacía o es demasiado corta. Firme con su nombre completo sobre la línea.</translation>
    </message>
    <message>
        <source>Undo last stroke</source>
        <translation>Deshacer el último trazo</translation>
    </message>
    <message>
        <source>or type your name, then press Enter to sign</source>
        <translation>o escriba su nombre y pulse Enter para firmar</translation>
    </message>
    <message>
        <source>{role} signature</source>
        <translation>Firma: {role}</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Acknowledged</source>
        <translation>Enterado</translation>
    </message>
    <message>
        <source>Acknowledged: {count}</source>
        <translation>Enterados: {count}</translation>
    </message>
    <message>
        <source>Adding signed plan {number}…</source>
        <translation>Agregando el plan firmado {number}…</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Barrier</source>
        <translation>Barrera</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation>Cancelar la exportación</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was exported and nothing changed on this laptop.</source>
        <translation>Cancelado. No se exportó nada y nada cambió en esta computadora.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Case note</source>
        <translation>Nota de caso</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Counseling statement</source>
        <translation>Declaración de consejería</translation>
    </message>
    <message>
        <source>Export a sync bundle</source>
        <translation>Exportar un paquete de sincronización</translation>
    </message>
    <message>
        <source>Export the sync bundle to…</source>
        <translation>Exportar el paquete de sincronización a…</translation>
    </message>
    <message>
        <source>Export to folder or USB stick…</source>
        <translation>Exportar a una carpeta o memoria USB…</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>IEP bundles (*.iepb)</source>
        <translation>Paquetes IEP (*.iepb)</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Import a return bundle from the office</source>
        <translation>Importar un paquete de respuesta de la oficina</translation>
    </message>
    <message>
        <source>Import return bundle…</source>
        <translation>Importar paquete de respuesta…</translation>
    </message>
    <message>
        <source>Import the office&apos;s return bundle</source>
        <translation>Importar el paquete de respuesta de la oficina</translation>
    </message>
    <message>
        <source>Imported: {confirmed} changes confirmed by the office, {conflicts} waiting for the office to decide, {updated} records updated.</source>
        <translation>Importado: {confirmed} cambios confirmados por la oficina, {conflicts} esperan la decisión de la oficina, {updated} registros actualizados.</translation>
    </message>
    <message>
        <source>Kept here (R-A2)</source>
        <translation>Se guardan aquí (R-A2)</translation>
    </message>
    <message>
        <source>Kept here: {count}</source>
        <translation>Se guardan aquí: {count}</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Sin enviar</translation>
    </message>
    <message>
        <source>Not sent: {count}</source>
        <translation>Sin enviar: {count}</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participante</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Plan version</source>
        <translation>Versión del plan</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Refused by the office: this laptop may not change this participant (your value is kept here)</source>
        <translation>Rechazado por la oficina: esta computadora no puede cambiar a este participante (su valor se conserva aquí)</translation>
    </message>
    <message>
        <source>Refused by the office: {count}</source>
        <translation>Rechazados por la oficina: {count}</translation>
    </message>
    <message>
        <source>Return bundle {number} was already imported; nothing changed.</source>
        <translation>El paquete de respuesta {number} ya se había importado; nada cambió.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Saved {name} (it was already being written when you pressed Cancel) with {changes} changes and {signed} signed plans.</source>
        <translation>Se guardó {name} (ya se estaba escribiendo cuando pulsó Cancelar) con {changes} cambios y {signed} planes firmados.</translation>
    </message>
    <message>
        <source>Saved {name} with {changes} changes and {signed} signed plans.</source>
        <translation>Se guardó {name} con {changes} cambios y {signed} planes firmados.</translation>
    </message>
    <message>
        <source>Sent, waiting for the office</source>
        <translation>Enviado, esperando a la oficina</translation>
    </message>
    <message>
        <source>Sent: {count}</source>
        <translation>Enviados: {count}</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Something went wrong; nothing changed on this laptop. Please report this.</source>
        <translation>Algo salió mal; nada cambió en esta computadora. Por favor, infórmelo.</translation>
    </message>
    <message>
        <source>Sync counts</source>
        <translation>Conteos de sincronización</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>Estado de sincronización</translation>
    </message>
    <message>
        <source>Sync state of each record</source>
        <translation>Estado de sincronización de cada registro</translation>
    </message>
    <message>
        <source>Sync with the office</source>
        <translation>Sincronizar con la oficina</translation>
    </message>
    <message>
        <source>Take it to the office; nothing is removed from this laptop until the office confirms it.</source>
        <translation>Llévelo a la oficina; nada se quita de esta computadora hasta que la oficina lo confirme.</translation>
    </message>
    <message>
        <source>This laptop is enrolled as {office}.</source>
        <translation>Esta computadora está inscrita como {office}.</translation>
    </message>
    <message>
        <source>This laptop is not enrolled with an office yet. Ask office IT for an enrollment file, then run &apos;iep enroll&apos;.</source>
        <translation>Esta computadora aún no está inscrita en una oficina. Pida al personal de TI de la oficina un archivo de inscripción y luego ejecute &apos;iep enroll&apos;.</translation>
    </message>
    <message>
        <source>Waiting for the office (a conflict to decide; your value is kept)</source>
        <translation>Esperando a la oficina (un conflicto por decidir; se conserva su valor)</translation>
    </message>
    <message>
        <source>Waiting for the office: {count}</source>
        <translation>Esperando a la oficina: {count}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
    <message>
        <source>{counts} (changes)</source>
        <translation>{counts} (cambios)</translation>
    </message>
    <message>
        <source>{refused} changes were refused by the office: this laptop may not change those participants. Your values are kept here; ask the office to share the participants with this laptop.</source>
        <translation>La oficina rechazó {refused} cambios: esta computadora no puede cambiar a esos participantes. Sus valores se conservan aquí; pida a la oficina que comparta esos participantes con esta computadora.</translation>
    </message>
</context>
<context>
    <name>ThisWeek</name>
    <message>
        <source> (passed)</source>
        <translation> (aprobado)</translation>
    </message>
    <message>
        <source>&amp;Open plan</source>
        <translation>&amp;Abrir plan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Needs me this week</source>
        <translation>Pendientes de esta semana</translation>
    </message>
    <message>
        <source>Nothing is due this week.</source>
        <translation>No hay nada pendiente esta semana.</translation>
    </message>
    <message>
        <source>Objective review</source>
        <translation>Revisión del objetivo</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participante</translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation>Revisión del plan</translation>
    </message>
    <message>
        <source>Reviews due or overdue, objective reviews passed, services that should have ended, and case-note follow-ups due, for every open plan, by date.</source>
        <translation>Revisiones pendientes o vencidas, revisiones de objetivos pasadas, servicios que ya debían terminar y seguimientos de notas de caso pendientes, de cada plan abierto, por fecha.</translation>
    </message>
    <message>
        <source>Service end</source>
        <translation>Fin del servicio</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Por hacer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>What needs you this week</source>
        <translation>Lo que le espera esta semana</translation>
    </message>
    <message>
        <source>{count} to do, {late} of them past their date.</source>
        <translation>{count} por hacer, {late} de ellos con la fecha pasada.</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>&amp;Create store</source>
        <translation>&amp;Crear almacén</translation>
    </message>
    <message>
        <source>&amp;Open an existing store…</source>
        <translation>&amp;Abrir un almacén existente…</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Repeat the passphrase</source>
        <translation>&amp;Repita la frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Show passphrase</source>
        <translation>&amp;Mostrar frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>({missing} more to go).</source>
        <translation>(faltan {missing}).</translation>
    </message>
    <message>
        <source>Change &amp;location…</source>
        <translation>Cambiar &amp;ubicación…</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>Elegir &amp;archivo…</translation>
    </message>
    <message>
        <source>Choose the office recovery key file</source>
        <translation>Elija el archivo de la clave de recuperación de la oficina</translation>
    </message>
    <message>
        <source>Create a new store…</source>
        <translation>Crear un almacén nuevo…</translation>
    </message>
    <message>
        <source>Create problem</source>
        <translation>Problema al crear</translation>
    </message>
    <message>
        <source>Create your encrypted store</source>
        <translation>Cree su almacén cifrado</translation>
    </message>
    <message>
        <source>Creating the store</source>
        <translation>Creando el almacén</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Creando…</translation>
    </message>
    <message>
        <source>Demo data: synthetic people only. Never put a real participant in this store.
The demo passphrase is filled in for you: “{passphrase}”.</source>
        <translation>Datos de demostración: solo personas ficticias. Nunca ponga a un participante real en este almacén.
La frase de contraseña de demostración ya está escrita: «{passphrase}».</translation>
    </message>
    <message>
        <source>Good: long enough, and both are the same.</source>
        <translation>Bien: es bastante larga y las dos son iguales.</translation>
    </message>
    <message>
        <source>IEP store (*.iep);;All files (*)</source>
        <translation>Almacén IEP (*.iep);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>If your office gave you a recovery key file, add it: office IT can then reopen the store if the passphrase is forgotten.</source>
        <translation>Si su oficina le dio un archivo de clave de recuperación, agréguelo: así el personal de TI de la oficina puede volver a abrir el almacén si se olvida la frase de contraseña.</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Long enough. Now type it again below.</source>
        <translation>Es bastante larga. Ahora escríbala otra vez abajo.</translation>
    </message>
    <message>
        <source>Long enough. The two passphrases are not the same yet.</source>
        <translation>Es bastante larga. Las dos frases de contraseña aún no son iguales.</translation>
    </message>
    <message>
        <source>New &amp;passphrase</source>
        <translation>Nueva &amp;frase de contraseña</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>New store: {name}&lt;br&gt;in {folder}</source>
        <translation>Almacén nuevo: {name}&lt;br&gt;en {folder}</translation>
    </message>
    <message>
        <source>No recovery key chosen.</source>
        <translation>No se eligió ninguna clave de recuperación.</translation>
    </message>
    <message>
        <source>Office recovery key</source>
        <translation>Clave de recuperación de la oficina</translation>
    </message>
    <message>
        <source>Office recovery key (*.json *.pub);;All files (*)</source>
        <translation>Clave de recuperación de la oficina (*.json *.pub);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Office recovery key (optional)</source>
        <translation>Clave de recuperación de la oficina (opcional)</translation>
    </message>
    <message>
        <source>Open an IEP store</source>
        <translation>Abrir un almacén IEP</translation>
    </message>
    <message>
        <source>Open another store…</source>
        <translation>Abrir otro almacén…</translation>
    </message>
    <message>
        <source>Open the demo store</source>
        <translation>Abrir el almacén de demostración</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase hint</source>
        <translation>Pista sobre la frase de contraseña</translation>
    </message>
    <message>
        <source>Plans are kept in one encrypted file on this laptop. Choose a passphrase you will remember: nobody can open the store without it.</source>
        <translation>Los planes se guardan en un solo archivo cifrado en esta computadora. Elija una frase de contraseña que vaya a recordar: nadie puede abrir el almacén sin ella.</translation>
    </message>
    <message>
        <source>Recovery key: {name}</source>
        <translation>Clave de recuperación: {name}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove the office recovery key</source>
        <translation>Quitar la clave de recuperación de la oficina</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <source>Store: {name}&lt;br&gt;in {folder}</source>
        <translation>Almacén: {name}&lt;br&gt;en {folder}</translation>
    </message>
    <message>
        <source>Too many wrong passphrases.</source>
        <translation>Demasiadas frases de contraseña incorrectas.</translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation>Escriba primero su frase de contraseña.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Unlock problem</source>
        <translation>Problema al desbloquear</translation>
    </message>
    <message>
        <source>Unlock your caseload</source>
        <translation>Desbloquee su lista de casos</translation>
    </message>
    <message>
        <source>Unlocking</source>
        <translation>Desbloqueando</translation>
    </message>
    <message>
        <source>Unlocking… this takes a moment.</source>
        <translation>Desbloqueando… esto tarda un momento.</translation>
    </message>
    <message>
        <source>Wait 1 second, then try again; your data is safe.</source>
        <translation>Espere 1 segundo y vuelva a intentarlo; sus datos están a salvo.</translation>
    </message>
    <message>
        <source>Wait {seconds} s</source>
        <translation>Espere {seconds} s</translation>
    </message>
    <message>
        <source>Wait {seconds} seconds, then try again; your data is safe.</source>
        <translation>Espere {seconds} segundos y vuelva a intentarlo; sus datos están a salvo.</translation>
    </message>
    <message>
        <source>Where to keep the new store</source>
        <translation>Dónde guardar el almacén nuevo</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
    <message>
        <source>Your passphrase</source>
        <translation>Su frase de contraseña</translation>
    </message>
    <message>
        <source>{count}+ characters; a few unrelated words is best</source>
        <translation>{count}+ caracteres; lo mejor son unas cuantas palabras sin relación entre sí</translation>
    </message>
</context>
<context>
    <name>Wizard</name>
    <message>
        <source>    • Step: {text}{review}</source>
        <translation>    • Paso: {text}{review}</translation>
    </message>
    <message>
        <source>    • {name}{who}, {start} to {end}</source>
        <translation>    • {name}{who}, del {start} al {end}</translation>
    </message>
    <message>
        <source> with {provider}</source>
        <translation> con {provider}</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <source>&amp;Meeting</source>
        <translation>&amp;Reunión</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>&amp;Start the {kind}</source>
        <translation>&amp;Empezar el plan {kind}</translation>
    </message>
    <message>
        <source>(a goal not in this plan)</source>
        <translation>(una meta que no está en este plan)</translation>
    </message>
    <message>
        <source>(no goal)</source>
        <translation>(sin meta)</translation>
    </message>
    <message>
        <source>(not on the list of service codes used here)</source>
        <translation>(no está en la lista de códigos de servicio que se usan aquí)</translation>
    </message>
    <message>
        <source>, checked on {day}</source>
        <translation>, revisado el {day}</translation>
    </message>
    <message>
        <source>1 confidential statement saved ({dates}).</source>
        <translation>1 declaración confidencial guardada ({dates}).</translation>
    </message>
    <message>
        <source>1 month: {term} here.</source>
        <translation>1 mes: {term} aquí.</translation>
    </message>
    <message>
        <source>1 suggestion</source>
        <translation>1 sugerencia</translation>
    </message>
    <message>
        <source>1 thing must be fixed before the {kind} can be signed; {others}.</source>
        <translation>Hay 1 cosa que corregir antes de poder firmar el plan {kind}; {others}.</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 advertencia</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <source>A parent or guardian may also sign; it is not required (R-X1).</source>
        <translation>Un padre, madre o tutor también puede firmar; no es obligatorio (R-X1).</translation>
    </message>
    <message>
        <source>A same-day service: it starts and ends on one day, so its planned end is its planned start (R-S2).</source>
        <translation>Un servicio del mismo día: empieza y termina el mismo día, así que su fin previsto es su inicio previsto (R-S2).</translation>
    </message>
    <message>
        <source>Academic</source>
        <translation>Académica</translation>
    </message>
    <message>
        <source>Actual end, empty until it ends</source>
        <translation>Fin real, vacío hasta que termine</translation>
    </message>
    <message>
        <source>Actual start / end</source>
        <translation>Inicio / fin reales</translation>
    </message>
    <message>
        <source>Actual start, empty until it starts</source>
        <translation>Inicio real, vacío hasta que empiece</translation>
    </message>
    <message>
        <source>Add a goal first, on the Goals page (&lt; Back): every objective belongs to a goal (R-G6).</source>
        <translation>Primero agregue una meta, en la página Metas (&lt; Atrás): cada objetivo pertenece a una meta (R-G6).</translation>
    </message>
    <message>
        <source>Add assessment</source>
        <translation>Agregar evaluación</translation>
    </message>
    <message>
        <source>Add barrier</source>
        <translation>Agregar barrera</translation>
    </message>
    <message>
        <source>Add goal</source>
        <translation>Agregar meta</translation>
    </message>
    <message>
        <source>Add objective</source>
        <translation>Agregar objetivo</translation>
    </message>
    <message>
        <source>Add parent/guardian signature (optional)</source>
        <translation>Agregar firma del padre, madre o tutor (opcional)</translation>
    </message>
    <message>
        <source>Add service</source>
        <translation>Agregar servicio</translation>
    </message>
    <message>
        <source>Amount in dollars</source>
        <translation>Monto en dólares</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Assessment instrument</source>
        <translation>Instrumento de evaluación</translation>
    </message>
    <message>
        <source>Assessments this app&apos;s default profile requires: {names}</source>
        <translation>Evaluaciones que exige el perfil predeterminado de esta aplicación: {names}</translation>
    </message>
    <message>
        <source>Assessments this board requires: {names}</source>
        <translation>Evaluaciones que exige esta junta: {names}</translation>
    </message>
    <message>
        <source>Back on the {page} page.</source>
        <translation>De vuelta en la página {page}.</translation>
    </message>
    <message>
        <source>Back to &amp;caseload</source>
        <translation>Volver a la lista de &amp;casos</translation>
    </message>
    <message>
        <source>Back to caseload</source>
        <translation>Volver a la lista de casos</translation>
    </message>
    <message>
        <source>Background saved. It is printed on the plan.</source>
        <translation>Antecedentes guardados. Se imprimen en el plan.</translation>
    </message>
    <message>
        <source>Barrier</source>
        <translation>Barrera</translation>
    </message>
    <message>
        <source>Barrier &apos;{category}&apos; added.</source>
        <translation>Barrera &apos;{category}&apos; agregada.</translation>
    </message>
    <message>
        <source>Barrier &apos;{category}&apos; saved.</source>
        <translation>Barrera &apos;{category}&apos; guardada.</translation>
    </message>
    <message>
        <source>Barrier category</source>
        <translation>Categoría de la barrera</translation>
    </message>
    <message>
        <source>Barrier description</source>
        <translation>Descripción de la barrera</translation>
    </message>
    <message>
        <source>Barrier group</source>
        <translation>Grupo de barreras</translation>
    </message>
    <message>
        <source>Barriers</source>
        <translation>Barreras</translation>
    </message>
    <message>
        <source>Before the plan</source>
        <translation>Antes del plan</translation>
    </message>
    <message>
        <source>Board list</source>
        <translation>Lista de la junta</translation>
    </message>
    <message>
        <source>Career coach</source>
        <translation>Asesor(a) de carrera</translation>
    </message>
    <message>
        <source>Career exploration done</source>
        <translation>Exploración de carreras hecha</translation>
    </message>
    <message>
        <source>Change {record}</source>
        <translation>Cambiar {record}</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Volver a revisar</translation>
    </message>
    <message>
        <source>Check that this is the right person and program before you build the plan.</source>
        <translation>Compruebe que es la persona y el programa correctos antes de armar el plan.</translation>
    </message>
    <message>
        <source>Check the plan</source>
        <translation>Revisar el plan</translation>
    </message>
    <message>
        <source>Check the {field}: {problem}.</source>
        <translation>Revise el campo {field}: {problem}.</translation>
    </message>
    <message>
        <source>Child care</source>
        <translation>Cuidado de niños</translation>
    </message>
    <message>
        <source>Choose a saved assessment above to change it. A new assessment is saved once its required fields are filled in (it then shows above); “Add assessment” starts the next one. Changes are saved as you type.</source>
        <translation>Elija arriba una evaluación guardada para cambiarla. Una evaluación nueva se guarda en cuanto tiene los campos obligatorios (entonces aparece arriba); «Agregar evaluación» empieza la siguiente. Los cambios se guardan mientras escribe.</translation>
    </message>
    <message>
        <source>Choose a saved barrier above to change it. A new barrier is saved once its required fields are filled in (it then shows above); “Add barrier” starts the next one. Changes are saved as you type.</source>
        <translation>Elija arriba una barrera guardada para cambiarla. Una barrera nueva se guarda en cuanto tiene los campos obligatorios (entonces aparece arriba); «Agregar barrera» empieza la siguiente. Los cambios se guardan mientras escribe.</translation>
    </message>
    <message>
        <source>Choose a saved goal above to change it. A new goal is saved once its required fields are filled in (it then shows above); “Add goal” starts the next one. Changes are saved as you type.</source>
        <translation>Elija arriba una meta guardada para cambiarla. Una meta nueva se guarda en cuanto tiene los campos obligatorios (entonces aparece arriba); «Agregar meta» empieza la siguiente. Los cambios se guardan mientras escribe.</translation>
    </message>
    <message>
        <source>Choose a saved objective above to change it. A new objective is saved once its required fields are filled in (it then shows above); “Add objective” starts the next one. Changes are saved as you type.</source>
        <translation>Elija arriba un objetivo guardado para cambiarlo. Un objetivo nuevo se guarda en cuanto tiene los campos obligatorios (entonces aparece arriba); «Agregar objetivo» empieza el siguiente. Los cambios se guardan mientras escribe.</translation>
    </message>
    <message>
        <source>Choose a saved service above to change it. A new service is saved once its required fields are filled in (it then shows above); “Add service” starts the next one. Changes are saved as you type.</source>
        <translation>Elija arriba un servicio guardado para cambiarlo. Un servicio nuevo se guarda en cuanto tiene los campos obligatorios (entonces aparece arriba); «Agregar servicio» empieza el siguiente. Los cambios se guardan mientras escribe.</translation>
    </message>
    <message>
        <source>Choose how it was held…</source>
        <translation>Elija cómo se hizo…</translation>
    </message>
    <message>
        <source>Choose how the review meeting was held before updating the plan: it is recorded with the update (R-V3).</source>
        <translation>Elija cómo se hizo la reunión de revisión antes de actualizar el plan: se registra con la actualización (R-V3).</translation>
    </message>
    <message>
        <source>Chosen objective</source>
        <translation>Objetivo elegido</translation>
    </message>
    <message>
        <source>Co&amp;mmit</source>
        <translation>Con&amp;firmar</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comentarios</translation>
    </message>
    <message>
        <source>Comments on how the service went</source>
        <translation>Comentarios sobre cómo fue el servicio</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <source>Confidential notes from the counseling session</source>
        <translation>Notas confidenciales de la sesión de consejería</translation>
    </message>
    <message>
        <source>Confidential statement saved. It will not be printed.</source>
        <translation>Declaración confidencial guardada. No se imprimirá.</translation>
    </message>
    <message>
        <source>Confidential — never printed (R-A2)</source>
        <translation>Confidencial — nunca se imprime (R-A2)</translation>
    </message>
    <message>
        <source>Counseling statement. {confidential}</source>
        <translation>Declaración de consejería. {confidential}</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Credenciales</translation>
    </message>
    <message>
        <source>Current plan</source>
        <translation>Plan actual</translation>
    </message>
    <message>
        <source>Current skills assessed (basic-skills test, credentials, work history)</source>
        <translation>Destrezas actuales evaluadas (prueba de destrezas básicas, credenciales, historial laboral)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>Custom objective</source>
        <translation>Objetivo personalizado</translation>
    </message>
    <message>
        <source>Custom objective (not on the list)</source>
        <translation>Objetivo personalizado (no está en la lista)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Date established</source>
        <translation>Fecha de establecimiento</translation>
    </message>
    <message>
        <source>Date of birth (MM/DD/YYYY)</source>
        <translation>Fecha de nacimiento (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Date taken</source>
        <translation>Fecha en que se hizo</translation>
    </message>
    <message>
        <source>Date taken (MM/DD/YYYY)</source>
        <translation>Fecha en que se hizo (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Describe the barrier or the step that addresses it to save it.</source>
        <translation>Describa la barrera o el paso que la atiende para guardarla.</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Digital literacy</source>
        <translation>Destrezas digitales</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Hecho el</translation>
    </message>
    <message>
        <source>Done: the {kind} was started on {day}. Changes to the details above are saved as you type.</source>
        <translation>Hecho: el plan {kind} se inició el {day}. Los cambios de los datos de arriba se guardan mientras escribe.</translation>
    </message>
    <message>
        <source>Done: {item}</source>
        <translation>Hecho: {item}</translation>
    </message>
    <message>
        <source>Double-click a finding, or choose it and press Go to page, to fix it. Then come back here with Next.</source>
        <translation>Haga doble clic en un hallazgo, o elíjalo y pulse Ir a la página, para corregirlo. Luego vuelva aquí con Siguiente.</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Educación</translation>
    </message>
    <message>
        <source>Eligibility determined (MM/DD/YYYY)</source>
        <translation>Elegibilidad determinada (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Eligibility determined (WIOA application)</source>
        <translation>Elegibilidad determinada (solicitud de WIOA)</translation>
    </message>
    <message>
        <source>Eligibility determined (WIOA application), on or before the plan&apos;s start</source>
        <translation>Elegibilidad determinada (solicitud de WIOA), en o antes del inicio del plan</translation>
    </message>
    <message>
        <source>Employment, education or training goals, each with dates; the term comes from the board&apos;s month ranges (R-G2).</source>
        <translation>Metas de empleo, educación o capacitación, cada una con fechas; el plazo sale de los rangos de meses de la junta (R-G2).</translation>
    </message>
    <message>
        <source>Employment, education or training goals, each with dates; the term comes from this app&apos;s default month ranges (R-G2).</source>
        <translation>Metas de empleo, educación o capacitación, cada una con fechas; el plazo sale de los rangos de meses predeterminados de esta aplicación (R-G2).</translation>
    </message>
    <message>
        <source>English-language learner</source>
        <translation>Aprendiz del idioma inglés</translation>
    </message>
    <message>
        <source>Established (MM/DD/YYYY)</source>
        <translation>Establecido (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Estimated completion</source>
        <translation>Finalización estimada</translation>
    </message>
    <message>
        <source>Estimated completion (MM/DD/YYYY)</source>
        <translation>Finalización estimada (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Estimated completion date</source>
        <translation>Fecha estimada de finalización</translation>
    </message>
    <message>
        <source>Every required prerequisite is done: the {kind} can start.</source>
        <translation>Todos los requisitos previos obligatorios están hechos: el plan {kind} puede empezar.</translation>
    </message>
    <message>
        <source>Findings about the plan</source>
        <translation>Hallazgos sobre el plan</translation>
    </message>
    <message>
        <source>First participation service entered (one of {codes})</source>
        <translation>Primer servicio de participación registrado (uno de {codes})</translation>
    </message>
    <message>
        <source>First participation service entered (the first service provided, any code)</source>
        <translation>Primer servicio de participación registrado (el primer servicio prestado, cualquier código)</translation>
    </message>
    <message>
        <source>Fixed on page</source>
        <translation>Se corrige en la página</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Financiamiento</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Fuente de financiamiento</translation>
    </message>
    <message>
        <source>Go over the plan with the participant, then say whether anything changes (R-V2).</source>
        <translation>Repase el plan con el participante y luego diga si algo cambia (R-V2).</translation>
    </message>
    <message>
        <source>Go to page</source>
        <translation>Ir a la página</translation>
    </message>
    <message>
        <source>Go to the page that fixes the chosen finding</source>
        <translation>Ir a la página que corrige el hallazgo elegido</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Goal &apos;{description}&apos; added.</source>
        <translation>Meta &apos;{description}&apos; agregada.</translation>
    </message>
    <message>
        <source>Goal &apos;{description}&apos; saved.</source>
        <translation>Meta &apos;{description}&apos; guardada.</translation>
    </message>
    <message>
        <source>Goal description</source>
        <translation>Descripción de la meta</translation>
    </message>
    <message>
        <source>Goal term</source>
        <translation>Plazo de la meta</translation>
    </message>
    <message>
        <source>Goal this objective belongs to</source>
        <translation>Meta a la que pertenece este objetivo</translation>
    </message>
    <message>
        <source>Goal type</source>
        <translation>Tipo de meta</translation>
    </message>
    <message>
        <source>Goal {n}: {text} (by {day})</source>
        <translation>Meta {n}: {text} (para el {day})</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Metas</translation>
    </message>
    <message>
        <source>Goals and objectives</source>
        <translation>Metas y objetivos</translation>
    </message>
    <message>
        <source>Grade level</source>
        <translation>Nivel de grado</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Group: {group}</source>
        <translation>Grupo: {group}</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Salud</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Vivienda</translation>
    </message>
    <message>
        <source>How it went</source>
        <translation>Cómo fue</translation>
    </message>
    <message>
        <source>How the review meeting was held</source>
        <translation>Cómo se hizo la reunión de revisión</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>In the form: {record}, as saved.</source>
        <translation>En el formulario: {record}, tal como se guardó.</translation>
    </message>
    <message>
        <source>Individual Employment Plan (IEP), for Adult and Dislocated Worker participants</source>
        <translation>Plan Individual de Empleo (IEP), para participantes de Adultos y Trabajadores Desplazados</translation>
    </message>
    <message>
        <source>Individual Service Strategy (ISS), for Youth participants</source>
        <translation>Estrategia Individual de Servicios (ISS), para participantes de Jóvenes</translation>
    </message>
    <message>
        <source>Intermediate-term ({months})</source>
        <translation>Mediano plazo ({months})</translation>
    </message>
    <message>
        <source>It stopped here on the way to the {page} page: see what this page asks.</source>
        <translation>Se detuvo aquí camino a la página {page}: vea lo que pide esta página.</translation>
    </message>
    <message>
        <source>Job skills</source>
        <translation>Destrezas laborales</translation>
    </message>
    <message>
        <source>Jobs held, how long, why they ended</source>
        <translation>Empleos que tuvo, cuánto duraron, por qué terminaron</translation>
    </message>
    <message>
        <source>Justice involvement</source>
        <translation>Antecedentes con la justicia</translation>
    </message>
    <message>
        <source>Justification</source>
        <translation>Justificación</translation>
    </message>
    <message>
        <source>Justification: why it is needed (required, R-O3)</source>
        <translation>Justificación: por qué se necesita (obligatoria, R-O3)</translation>
    </message>
    <message>
        <source>Justification: why the participant needs it (required, R-O3)</source>
        <translation>Justificación: por qué lo necesita el participante (obligatoria, R-O3)</translation>
    </message>
    <message>
        <source>Kept in the encrypted store; never on the printed plan or the participant&apos;s copy.</source>
        <translation>Se guarda en el almacén cifrado; nunca en el plan impreso ni en la copia del participante.</translation>
    </message>
    <message>
        <source>Last review (MM/DD/YYYY)</source>
        <translation>Última revisión (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Licences and certificates held</source>
        <translation>Licencias y certificados que tiene</translation>
    </message>
    <message>
        <source>Long-term ({months})</source>
        <translation>Largo plazo ({months})</translation>
    </message>
    <message>
        <source>Must fix</source>
        <translation>Hay que corregir</translation>
    </message>
    <message>
        <source>Name the provider, or who the participant is referred to, to save this service.</source>
        <translation>Indique el proveedor, o a quién se refiere al participante, para guardar este servicio.</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Necesidades</translation>
    </message>
    <message>
        <source>New assessment</source>
        <translation>Nueva evaluación</translation>
    </message>
    <message>
        <source>New barrier</source>
        <translation>Nueva barrera</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Nueva meta</translation>
    </message>
    <message>
        <source>New objective</source>
        <translation>Nuevo objetivo</translation>
    </message>
    <message>
        <source>New service</source>
        <translation>Nuevo servicio</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>No change writes the case note &apos;IEP/ISS Review&apos; and closes. Update lets you change the plan; it is signed again and the review is recorded as &apos;IEP/ISS Review/Update&apos;.</source>
        <translation>Sin cambios escribe la nota de caso &apos;IEP/ISS Review&apos; y cierra. Actualizar le permite cambiar el plan; se vuelve a firmar y la revisión se registra como &apos;IEP/ISS Review/Update&apos;.</translation>
    </message>
    <message>
        <source>No change — the participant is on track</source>
        <translation>Sin cambios — el participante va bien</translation>
    </message>
    <message>
        <source>No confidential statements saved yet.</source>
        <translation>Aún no hay declaraciones confidenciales guardadas.</translation>
    </message>
    <message>
        <source>No device</source>
        <translation>Sin dispositivo</translation>
    </message>
    <message>
        <source>No goals yet.</source>
        <translation>Aún no hay metas.</translation>
    </message>
    <message>
        <source>No internet</source>
        <translation>Sin internet</translation>
    </message>
    <message>
        <source>No objective chosen yet: pick one from the list or write a custom one.</source>
        <translation>Aún no se eligió un objetivo: elija uno de la lista o escriba uno personalizado.</translation>
    </message>
    <message>
        <source>No open {kind} yet: the next page starts one</source>
        <translation>Aún no hay un plan {kind} abierto: la página siguiente empieza uno</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>None right now.</source>
        <translation>Ninguno por ahora.</translation>
    </message>
    <message>
        <source>None: the step above addresses it</source>
        <translation>Ninguno: el paso de arriba la atiende</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>No completado</translation>
    </message>
    <message>
        <source>Not completed because</source>
        <translation>No se completó porque</translation>
    </message>
    <message>
        <source>Not done (recommended): {item}</source>
        <translation>Sin hacer (recomendado): {item}</translation>
    </message>
    <message>
        <source>Not done (required): {item}</source>
        <translation>Sin hacer (obligatorio): {item}</translation>
    </message>
    <message>
        <source>Not done (suggested): {item}</source>
        <translation>Sin hacer (sugerido): {item}</translation>
    </message>
    <message>
        <source>Not on the list:</source>
        <translation>No está en la lista:</translation>
    </message>
    <message>
        <source>Not printed: the print queue said {why}</source>
        <translation>No se imprimió: la cola de impresión dijo {why}</translation>
    </message>
    <message>
        <source>Not printed: {why}</source>
        <translation>No se imprimió: {why}</translation>
    </message>
    <message>
        <source>Not saved: {name} was left as it was.</source>
        <translation>No se guardó: {name} quedó como estaba.</translation>
    </message>
    <message>
        <source>Nothing blocks signing: {others}. Press Next to sign.</source>
        <translation>Nada impide firmar: {others}. Pulse Siguiente para firmar.</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Objective &apos;{title}&apos; added.</source>
        <translation>Objetivo &apos;{title}&apos; agregado.</translation>
    </message>
    <message>
        <source>Objective &apos;{title}&apos; saved.</source>
        <translation>Objetivo &apos;{title}&apos; guardado.</translation>
    </message>
    <message>
        <source>Objective assessment done</source>
        <translation>Evaluación objetiva hecha</translation>
    </message>
    <message>
        <source>Objective assessment done (Objective Assessment Summary)</source>
        <translation>Evaluación objetiva hecha (Resumen de la Evaluación Objetiva)</translation>
    </message>
    <message>
        <source>Objective: {title} (custom)</source>
        <translation>Objetivo: {title} (personalizado)</translation>
    </message>
    <message>
        <source>Objective: {title} (from {list})</source>
        <translation>Objetivo: {title} (de {list})</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Objetivos</translation>
    </message>
    <message>
        <source>Objectives it serves (check all that apply)</source>
        <translation>Objetivos a los que sirve (marque todos los que correspondan)</translation>
    </message>
    <message>
        <source>Objectives on {list}</source>
        <translation>Objetivos de {list}</translation>
    </message>
    <message>
        <source>Objectives served</source>
        <translation>Objetivos atendidos</translation>
    </message>
    <message>
        <source>Objectives this service serves</source>
        <translation>Objetivos a los que sirve este servicio</translation>
    </message>
    <message>
        <source>Occupational</source>
        <translation>Ocupacional</translation>
    </message>
    <message>
        <source>Occupational needs</source>
        <translation>Necesidades ocupacionales</translation>
    </message>
    <message>
        <source>Occupational needs the assessment showed</source>
        <translation>Necesidades ocupacionales que mostró la evaluación</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Office copy: the signed plan for the participant&apos;s file at the office. Participant copy: the same plan, marked as the participant&apos;s, to hand to them today. Neither copy prints confidential counseling statements (R-A2).</source>
        <translation>Copia de la oficina: el plan firmado para el expediente del participante en la oficina. Copia del participante: el mismo plan, marcado como del participante, para entregárselo hoy. Ninguna de las dos copias imprime las declaraciones confidenciales de consejería (R-A2).</translation>
    </message>
    <message>
        <source>Only when it was not completed</source>
        <translation>Solo cuando no se completó</translation>
    </message>
    <message>
        <source>Open {kind} started {day}</source>
        <translation>Plan {kind} abierto, iniciado el {day}</translation>
    </message>
    <message>
        <source>Opened {name} in your PDF viewer: print it from there (Ctrl+P).</source>
        <translation>Se abrió {name} en su visor de PDF: imprímalo desde allí (Ctrl+P).</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otra</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>P&amp;rint participant copy…</source>
        <translation>Imp&amp;rimir copia del participante…</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Parent or guardian name</source>
        <translation>Nombre del padre, madre o tutor</translation>
    </message>
    <message>
        <source>Parent or guardian&apos;s full name</source>
        <translation>Nombre completo del padre, madre o tutor</translation>
    </message>
    <message>
        <source>Parent/guardian</source>
        <translation>Padre, madre o tutor</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participante</translation>
    </message>
    <message>
        <source>Participant and program</source>
        <translation>Participante y programa</translation>
    </message>
    <message>
        <source>Participant background (R-A1)</source>
        <translation>Antecedentes del participante (R-A1)</translation>
    </message>
    <message>
        <source>Participant {name}</source>
        <translation>Participante {name}</translation>
    </message>
    <message>
        <source>Personal life circumstances</source>
        <translation>Circunstancias personales</translation>
    </message>
    <message>
        <source>Pick an objective from {list}, or write a custom one.</source>
        <translation>Elija un objetivo de {list}, o escriba uno personalizado.</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Plan details (R-P3)</source>
        <translation>Datos del plan (R-P3)</translation>
    </message>
    <message>
        <source>Plan details saved.</source>
        <translation>Datos del plan guardados.</translation>
    </message>
    <message>
        <source>Plan fingerprint: {digest}</source>
        <translation>Huella del plan: {digest}</translation>
    </message>
    <message>
        <source>Plan start date</source>
        <translation>Fecha de inicio del plan</translation>
    </message>
    <message>
        <source>Plan start date (MM/DD/YYYY)</source>
        <translation>Fecha de inicio del plan (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Plan started (MM/DD/YYYY)</source>
        <translation>Plan iniciado (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Plan status</source>
        <translation>Estado del plan</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Previsto</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Fin previsto</translation>
    </message>
    <message>
        <source>Planned end (MM/DD/YYYY)</source>
        <translation>Fin previsto (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Inicio previsto</translation>
    </message>
    <message>
        <source>Planned start (MM/DD/YYYY)</source>
        <translation>Inicio previsto (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Prerequisite to record</source>
        <translation>Requisito previo que registrar</translation>
    </message>
    <message>
        <source>Prerequisites</source>
        <translation>Requisitos previos</translation>
    </message>
    <message>
        <source>Prerequisites (R-P2)</source>
        <translation>Requisitos previos (R-P2)</translation>
    </message>
    <message>
        <source>Prerequisites checklist</source>
        <translation>Lista de requisitos previos</translation>
    </message>
    <message>
        <source>Print participant copy</source>
        <translation>Imprimir copia del participante</translation>
    </message>
    <message>
        <source>Print sends the participant copy to the printer; on Windows it opens in your PDF viewer, which prints it.</source>
        <translation>Imprimir envía la copia del participante a la impresora; en Windows se abre en su visor de PDF, que la imprime.</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Provider or referral</source>
        <translation>Proveedor o referido</translation>
    </message>
    <message>
        <source>Provider, or who the participant is referred to</source>
        <translation>Proveedor, o a quién se refiere al participante</translation>
    </message>
    <message>
        <source>Record as done</source>
        <translation>Registrar como hecho</translation>
    </message>
    <message>
        <source>Record assessment activities and test results (TABE, CASAS, CareerScope, ...) (R-A1).</source>
        <translation>Registre las actividades de evaluación y los resultados de las pruebas (TABE, CASAS, CareerScope, ...) (R-A1).</translation>
    </message>
    <message>
        <source>Record the chosen prerequisite as done</source>
        <translation>Registrar como hecho el requisito previo elegido</translation>
    </message>
    <message>
        <source>Record what was &amp;done:</source>
        <translation>Registrar lo que se &amp;hizo:</translation>
    </message>
    <message>
        <source>Recorded: {what} on {day}.</source>
        <translation>Registrado: {what} el {day}.</translation>
    </message>
    <message>
        <source>Region (LWIA)</source>
        <translation>Región (LWIA)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>¿Reemplazar el archivo?</translation>
    </message>
    <message>
        <source>Results reviewed with the participant, then {codes} entered</source>
        <translation>Resultados revisados con el participante, luego se registró {codes}</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>Fecha de revisión</translation>
    </message>
    <message>
        <source>Review date (MM/DD/YYYY)</source>
        <translation>Fecha de revisión (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Review due (MM/DD/YYYY)</source>
        <translation>Revisión pendiente (MM/DD/AAAA)</translation>
    </message>
    <message>
        <source>Review recorded</source>
        <translation>Revisión registrada</translation>
    </message>
    <message>
        <source>Review the {kind}</source>
        <translation>Revisar el plan {kind}</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regla</translation>
    </message>
    <message>
        <source>Save &amp;office copy PDF…</source>
        <translation>Guardar PDF de la copia de la &amp;oficina…</translation>
    </message>
    <message>
        <source>Save &amp;participant copy PDF…</source>
        <translation>Guardar PDF de la copia del &amp;participante…</translation>
    </message>
    <message>
        <source>Save and c&amp;lose</source>
        <translation>Guardar y ce&amp;rrar</translation>
    </message>
    <message>
        <source>Save assessment</source>
        <translation>Guardar evaluación</translation>
    </message>
    <message>
        <source>Save background</source>
        <translation>Guardar antecedentes</translation>
    </message>
    <message>
        <source>Save barrier</source>
        <translation>Guardar barrera</translation>
    </message>
    <message>
        <source>Save confidential statement</source>
        <translation>Guardar declaración confidencial</translation>
    </message>
    <message>
        <source>Save goal</source>
        <translation>Guardar meta</translation>
    </message>
    <message>
        <source>Save objective</source>
        <translation>Guardar objetivo</translation>
    </message>
    <message>
        <source>Save office copy PDF</source>
        <translation>Guardar PDF de la copia de la oficina</translation>
    </message>
    <message>
        <source>Save participant copy PDF</source>
        <translation>Guardar PDF de la copia del participante</translation>
    </message>
    <message>
        <source>Save service</source>
        <translation>Guardar servicio</translation>
    </message>
    <message>
        <source>Saved assessments</source>
        <translation>Evaluaciones guardadas</translation>
    </message>
    <message>
        <source>Saved barriers</source>
        <translation>Barreras guardadas</translation>
    </message>
    <message>
        <source>Saved counseling statements</source>
        <translation>Declaraciones de consejería guardadas</translation>
    </message>
    <message>
        <source>Saved goals</source>
        <translation>Metas guardadas</translation>
    </message>
    <message>
        <source>Saved objectives</source>
        <translation>Objetivos guardados</translation>
    </message>
    <message>
        <source>Saved services</source>
        <translation>Servicios guardados</translation>
    </message>
    <message>
        <source>Saved {name} in {folder}, but no PDF viewer opened it: open the file and print it from there.</source>
        <translation>Se guardó {name} en {folder}, pero ningún visor de PDF lo abrió: abra el archivo e imprímalo desde allí.</translation>
    </message>
    <message>
        <source>Saved {name} in {folder}.</source>
        <translation>Se guardó {name} en {folder}.</translation>
    </message>
    <message>
        <source>Say why the participant needs it (justification, R-O3) to add it.</source>
        <translation>Diga por qué lo necesita el participante (justificación, R-O3) para agregarlo.</translation>
    </message>
    <message>
        <source>Schools, diplomas or equivalency, years completed</source>
        <translation>Escuelas, diplomas o equivalencia, años completados</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntaje</translation>
    </message>
    <message>
        <source>Search {list}</source>
        <translation>Buscar en {list}</translation>
    </message>
    <message>
        <source>Search {list} of objectives</source>
        <translation>Buscar en {list} de objetivos</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviado a la impresora.</translation>
    </message>
    <message>
        <source>Serves goal</source>
        <translation>Sirve a la meta</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Service (optional)</source>
        <translation>Servicio (opcional)</translation>
    </message>
    <message>
        <source>Service code</source>
        <translation>Código de servicio</translation>
    </message>
    <message>
        <source>Service needs</source>
        <translation>Necesidades de servicios</translation>
    </message>
    <message>
        <source>Service status</source>
        <translation>Estado del servicio</translation>
    </message>
    <message>
        <source>Service that addresses it</source>
        <translation>Servicio que la atiende</translation>
    </message>
    <message>
        <source>Service {code} &apos;{name}&apos; added.</source>
        <translation>Servicio {code} &apos;{name}&apos; agregado.</translation>
    </message>
    <message>
        <source>Service {code} &apos;{name}&apos; saved.</source>
        <translation>Servicio {code} &apos;{name}&apos; guardado.</translation>
    </message>
    <message>
        <source>Service {name} delivered</source>
        <translation>Servicio {name} prestado</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Servicios</translation>
    </message>
    <message>
        <source>Services from the board&apos;s list, who provides them, when, and the objectives they serve (R-S1).</source>
        <translation>Servicios de la lista de la junta, quién los presta, cuándo y los objetivos a los que sirven (R-S1).</translation>
    </message>
    <message>
        <source>Services the participant needs</source>
        <translation>Servicios que necesita el participante</translation>
    </message>
    <message>
        <source>Services {codes} delivered, in that order, before the plan</source>
        <translation>Servicios {codes} prestados, en ese orden, antes del plan</translation>
    </message>
    <message>
        <source>Services {codes} delivered, in that order, before the plan, for participants entered after {day}</source>
        <translation>Servicios {codes} prestados, en ese orden, antes del plan, para participantes registrados después del {day}</translation>
    </message>
    <message>
        <source>Services {later} only after {first}</source>
        <translation>Servicios {later} solo después de {first}</translation>
    </message>
    <message>
        <source>Services:</source>
        <translation>Servicios:</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Short-term ({months})</source>
        <translation>Corto plazo ({months})</translation>
    </message>
    <message>
        <source>Short; name the industry, occupation or education, e.g. Full-time welding job</source>
        <translation>Breve: la industria, la ocupación o los estudios, p. ej. Soldador a tiempo completo</translation>
    </message>
    <message>
        <source>Show &amp;details (status and plan fingerprint)</source>
        <translation>Mostrar &amp;detalles (estado y huella del plan)</translation>
    </message>
    <message>
        <source>Show details: status and plan fingerprint</source>
        <translation>Mostrar detalles: estado y huella del plan</translation>
    </message>
    <message>
        <source>Sign as career coach</source>
        <translation>Firmar como asesor(a) de carrera</translation>
    </message>
    <message>
        <source>Sign as parent/guardian</source>
        <translation>Firmar como padre, madre o tutor</translation>
    </message>
    <message>
        <source>Sign as participant</source>
        <translation>Firmar como participante</translation>
    </message>
    <message>
        <source>Signature status</source>
        <translation>Estado de las firmas</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Firmas</translation>
    </message>
    <message>
        <source>Signed by {name} on this version.</source>
        <translation>Firmado por {name} en esta versión.</translation>
    </message>
    <message>
        <source>Signed by {name}.</source>
        <translation>Firmado por {name}.</translation>
    </message>
    <message>
        <source>Skills gaps</source>
        <translation>Brechas de destrezas</translation>
    </message>
    <message>
        <source>Skills the participant brings to a job</source>
        <translation>Destrezas que el participante aporta a un empleo</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Start a new assessment</source>
        <translation>Empezar una evaluación nueva</translation>
    </message>
    <message>
        <source>Start a new barrier</source>
        <translation>Empezar una barrera nueva</translation>
    </message>
    <message>
        <source>Start a new goal</source>
        <translation>Empezar una meta nueva</translation>
    </message>
    <message>
        <source>Start a new objective</source>
        <translation>Empezar un objetivo nuevo</translation>
    </message>
    <message>
        <source>Start a new service</source>
        <translation>Empezar un servicio nuevo</translation>
    </message>
    <message>
        <source>Start the {kind}</source>
        <translation>Empezar el plan {kind}</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Step that addresses it</source>
        <translation>Paso que la atiende</translation>
    </message>
    <message>
        <source>Step {n} of {total}: {title}</source>
        <translation>Paso {n} de {total}: {title}</translation>
    </message>
    <message>
        <source>Steps toward each goal. Search {list} first; every objective says why it is needed (R-O1, R-O3).</source>
        <translation>Pasos hacia cada meta. Busque primero en {list}; cada objetivo dice por qué se necesita (R-O1, R-O3).</translation>
    </message>
    <message>
        <source>Suggested by the rules (R-O5, R-O6):</source>
        <translation>Sugeridos por las reglas (R-O5, R-O6):</translation>
    </message>
    <message>
        <source>Suggested objective: {title}</source>
        <translation>Objetivo sugerido: {title}</translation>
    </message>
    <message>
        <source>Suggested objectives</source>
        <translation>Objetivos sugeridos</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Sugerencia</translation>
    </message>
    <message>
        <source>TABE grade level</source>
        <translation>Nivel de grado TABE</translation>
    </message>
    <message>
        <source>TABE grade level (0.0-12.9)</source>
        <translation>Nivel de grado TABE (0.0-12.9)</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>Tecnología</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Plazo</translation>
    </message>
    <message>
        <source>Term from the dates</source>
        <translation>Plazo según las fechas</translation>
    </message>
    <message>
        <source>The PDF was not saved: {why}</source>
        <translation>No se guardó el PDF: {why}</translation>
    </message>
    <message>
        <source>The estimated completion is before the date established.</source>
        <translation>La finalización estimada es anterior a la fecha de establecimiento.</translation>
    </message>
    <message>
        <source>The goal this goal serves</source>
        <translation>La meta a la que sirve esta meta</translation>
    </message>
    <message>
        <source>The participant and you sign the plan as it is now. Each signature belongs to this exact version of the plan (R-X1, R-X2).</source>
        <translation>El participante y usted firman el plan tal como está ahora. Cada firma pertenece a esta versión exacta del plan (R-X1, R-X2).</translation>
    </message>
    <message>
        <source>The plan cannot start yet (R-P2). Still to do:</source>
        <translation>El plan aún no puede empezar (R-P2). Falta:</translation>
    </message>
    <message>
        <source>The plan changed after this signature; sign again.</source>
        <translation>El plan cambió después de esta firma; firme de nuevo.</translation>
    </message>
    <message>
        <source>The plan-creation service: it starts and ends on the plan&apos;s creation date {day} (R-S2).</source>
        <translation>El servicio de creación del plan: empieza y termina en la fecha de creación del plan, {day} (R-S2).</translation>
    </message>
    <message>
        <source>The review of {day} is recorded with the case note &apos;{title}&apos;: {name} is on track and the plan does not change.</source>
        <translation>La revisión del {day} se registra con la nota de caso &apos;{title}&apos;: {name} va bien y el plan no cambia.</translation>
    </message>
    <message>
        <source>The {kind} has not been started yet.</source>
        <translation>El plan {kind} aún no se ha iniciado.</translation>
    </message>
    <message>
        <source>The {kind} is saved but {state}.</source>
        <translation>El plan {kind} está guardado pero {state}.</translation>
    </message>
    <message>
        <source>The {kind} is saved. Print it for the file and give the participant a copy (R-X1).</source>
        <translation>El plan {kind} está guardado. Imprímalo para el expediente y entregue una copia al participante (R-X1).</translation>
    </message>
    <message>
        <source>The {kind} is signed (version {number}).</source>
        <translation>El plan {kind} está firmado (versión {number}).</translation>
    </message>
    <message>
        <source>There is no plan to sign yet.</source>
        <translation>Aún no hay ningún plan que firmar.</translation>
    </message>
    <message>
        <source>There was no unsaved typing to put back.</source>
        <translation>No había texto sin guardar que recuperar.</translation>
    </message>
    <message>
        <source>This is a referral to another provider</source>
        <translation>Es un referido a otro proveedor</translation>
    </message>
    <message>
        <source>Transportation</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Type a score, a grade level, the needs or a comment to save this assessment.</source>
        <translation>Escriba un puntaje, un nivel de grado, las necesidades o un comentario para guardar esta evaluación.</translation>
    </message>
    <message>
        <source>Type the goal to save it.</source>
        <translation>Escriba la meta para guardarla.</translation>
    </message>
    <message>
        <source>Type the parent or guardian&apos;s name first.</source>
        <translation>Escriba primero el nombre del padre, madre o tutor.</translation>
    </message>
    <message>
        <source>Type to search, e.g. resume</source>
        <translation>Escriba para buscar, p. ej. currículum</translation>
    </message>
    <message>
        <source>Type your name under Career coach: it goes on the plan, and this store remembers it for the next plan.</source>
        <translation>Escriba su nombre en Asesor(a) de carrera: va en el plan, y este almacén lo recuerda para el próximo plan.</translation>
    </message>
    <message>
        <source>Unsaved typing put back: {fields}.</source>
        <translation>Texto sin guardar recuperado: {fields}.</translation>
    </message>
    <message>
        <source>Update the plan</source>
        <translation>Actualizar el plan</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>What must be done before the {kind} is created (R-P2), then start it.</source>
        <translation>Lo que hay que hacer antes de crear el plan {kind} (R-P2); luego inícielo.</translation>
    </message>
    <message>
        <source>What stands in the way, and the step or service that addresses each barrier (R-A3).</source>
        <translation>Lo que se interpone, y el paso o servicio que atiende cada barrera (R-A3).</translation>
    </message>
    <message>
        <source>What the barrier is, in plain words</source>
        <translation>Qué es la barrera, en palabras sencillas</translation>
    </message>
    <message>
        <source>What the board&apos;s rules say about the plan. Fix every &apos;Must fix&apos; item before signing; warnings and suggestions are for you to judge.</source>
        <translation>Lo que dicen las reglas de la junta sobre el plan. Corrija cada punto &apos;Hay que corregir&apos; antes de firmar; las advertencias y sugerencias quedan a su criterio.</translation>
    </message>
    <message>
        <source>What the participant signs</source>
        <translation>Lo que firma el participante</translation>
    </message>
    <message>
        <source>What the result means</source>
        <translation>Qué significa el resultado</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>What {name} signs</source>
        <translation>Lo que firma {name}</translation>
    </message>
    <message>
        <source>Who provides it, or to whom you refer</source>
        <translation>Quién lo presta, o a quién refiere</translation>
    </message>
    <message>
        <source>Why it was not completed</source>
        <translation>Por qué no se completó</translation>
    </message>
    <message>
        <source>Why the participant needs this objective</source>
        <translation>Por qué necesita el participante este objetivo</translation>
    </message>
    <message>
        <source>Work and employment history</source>
        <translation>Historial laboral y de empleo</translation>
    </message>
    <message>
        <source>Work readiness</source>
        <translation>Preparación para el empleo</translation>
    </message>
    <message>
        <source>Workforce board</source>
        <translation>Junta de desarrollo laboral</translation>
    </message>
    <message>
        <source>Write the objective</source>
        <translation>Escriba el objetivo</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Your name: asked once, remembered in this store</source>
        <translation>Su nombre: se pide una vez y se recuerda en este almacén</translation>
    </message>
    <message>
        <source>a field</source>
        <translation>un campo</translation>
    </message>
    <message>
        <source>awaiting signature</source>
        <translation>pendiente de firma</translation>
    </message>
    <message>
        <source>barrier &apos;{category}&apos;</source>
        <translation>barrera &apos;{category}&apos;</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>e.g. 250.00</source>
        <translation>p. ej. 250.00</translation>
    </message>
    <message>
        <source>e.g. Bus pass through supportive service 500</source>
        <translation>p. ej. Pase de autobús mediante el servicio de apoyo 500</translation>
    </message>
    <message>
        <source>e.g. Resume finished</source>
        <translation>p. ej. Currículum terminado</translation>
    </message>
    <message>
        <source>e.g. Scale 512, or Realistic/Investigative</source>
        <translation>p. ej. Escala 512, o Realista/Investigador</translation>
    </message>
    <message>
        <source>e.g. WIOA Adult</source>
        <translation>p. ej. WIOA Adultos</translation>
    </message>
    <message>
        <source>goal &apos;{description}&apos;</source>
        <translation>meta &apos;{description}&apos;</translation>
    </message>
    <message>
        <source>intermediate-term</source>
        <translation>mediano plazo</translation>
    </message>
    <message>
        <source>long-term</source>
        <translation>largo plazo</translation>
    </message>
    <message>
        <source>never reviewed</source>
        <translation>nunca revisado</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>not determined yet</source>
        <translation>aún no determinada</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
    <message>
        <source>objective &apos;{title}&apos;</source>
        <translation>objetivo &apos;{title}&apos;</translation>
    </message>
    <message>
        <source>on</source>
        <translation>el</translation>
    </message>
    <message>
        <source>service {code} &apos;{name}&apos;</source>
        <translation>servicio {code} &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>short-term</source>
        <translation>corto plazo</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>firmado</translation>
    </message>
    <message>
        <source>tampered</source>
        <translation>alterado</translation>
    </message>
    <message>
        <source>the board&apos;s list</source>
        <translation>la lista de la junta</translation>
    </message>
    <message>
        <source>this app&apos;s default list</source>
        <translation>la lista predeterminada de esta aplicación</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>{assessment} done</source>
        <translation>Hecho: {assessment}</translation>
    </message>
    <message>
        <source>{assessment} of {day}</source>
        <translation>{assessment} del {day}</translation>
    </message>
    <message>
        <source>{assessment} of {day} added.</source>
        <translation>Evaluación {assessment} del {day} agregada.</translation>
    </message>
    <message>
        <source>{assessment} of {day} saved.</source>
        <translation>Evaluación {assessment} del {day} guardada.</translation>
    </message>
    <message>
        <source>{code} — not on the service list for {program}</source>
        <translation>{code} — no está en la lista de servicios de {program}</translation>
    </message>
    <message>
        <source>{count} confidential statements saved ({dates}).</source>
        <translation>{count} declaraciones confidenciales guardadas ({dates}).</translation>
    </message>
    <message>
        <source>{day} (due soon)</source>
        <translation>{day} (vence pronto)</translation>
    </message>
    <message>
        <source>{day} (overdue, R-V1)</source>
        <translation>{day} (vencida, R-V1)</translation>
    </message>
    <message>
        <source>{field}: “{text}”</source>
        <translation>{field}: «{text}»</translation>
    </message>
    <message>
        <source>{goals} goal(s), {objectives} open objective(s)</source>
        <translation>{goals} meta(s), {objectives} objetivo(s) abierto(s)</translation>
    </message>
    <message>
        <source>{goal} ({term})</source>
        <translation>{goal} ({term})</translation>
    </message>
    <message>
        <source>{kind} review — {name}</source>
        <translation>Revisión del plan {kind} — {name}</translation>
    </message>
    <message>
        <source>{kind} — {name}</source>
        <translation>{kind} — {name}</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>{months} months: {term} here.</source>
        <translation>{months} meses: {term} aquí.</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}. Replace it?</source>
        <translation>{name} ya existe en {folder}. ¿Reemplazarlo?</translation>
    </message>
    <message>
        <source>{name} has no open plan to review; start one from the caseload.</source>
        <translation>{name} no tiene un plan abierto que revisar; empiece uno desde la lista de casos.</translation>
    </message>
    <message>
        <source>{name}, {kind} started {start}. Today is {today}.</source>
        <translation>{name}, plan {kind} iniciado el {start}. Hoy es {today}.</translation>
    </message>
    <message>
        <source>{n} suggestions</source>
        <translation>{n} sugerencias</translation>
    </message>
    <message>
        <source>{n} things must be fixed before the {kind} can be signed; {others}.</source>
        <translation>Hay {n} cosas que corregir antes de poder firmar el plan {kind}; {others}.</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} advertencias</translation>
    </message>
    <message>
        <source>{page} (next)</source>
        <translation>{page} (siguiente)</translation>
    </message>
    <message>
        <source>{provider} (referral)</source>
        <translation>{provider} (referido)</translation>
    </message>
    <message>
        <source>{severity}: {message}</source>
        <translation>{severity}: {message}</translation>
    </message>
    <message>
        <source>{status} {dates}</source>
        <translation>{status} {dates}</translation>
    </message>
    <message>
        <source>{type} (not used for this program)</source>
        <translation>{type} (no se usa en este programa)</translation>
    </message>
    <message>
        <source>{type}: {goal}</source>
        <translation>{type}: {goal}</translation>
    </message>
    <message>
        <source>{warnings} and {suggestions}</source>
        <translation>{warnings} y {suggestions}</translation>
    </message>
</context>
</TS>
