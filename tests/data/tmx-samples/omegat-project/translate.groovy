// Translates the sample project's segments (translations written for
// tmkit's TMX samples), as a translator would in OmegaT's editor, then
// saves the project so that OmegaT writes omegat/project_save.tmx.
import org.omegat.core.data.PrepareTMXEntry

if (eventType.toString() != "LOAD")
	return
def T = [
	"de-CH": "en-GB",
	"Gemeinderat genehmigt Budget": "Council approves budget",
	"Gemeinderat genehmigt das Budget für 2025": "Council approves the 2025 budget",
	"Der Gemeinderat hat am Dienstagabend das Budget mit <b0>47 gegen 12 Stimmen</b0> genehmigt.":
		"The municipal council approved the budget on Tuesday evening by <b0>47 votes to 12</b0>.",
	"Die Steuern bleiben unverändert.": "Taxes remain unchanged.",
	"Für die Sanierung der <i0>Bahnhofstrasse</i0> sind 3,2 Millionen Franken vorgesehen.":
		"3.2 million francs have been set aside for the renovation of <i0>Bahnhofstrasse</i0>.",
	"Die Arbeiten beginnen im März.": "Work will begin in March.",
	"Weitere Informationen finden Sie auf der <a0>Website der Gemeinde</a0>.":
		"Further information is available on the <a0>municipality's website</a0>.",
	"Die Sitzung dauerte bis 23 Uhr.<br0>": "The meeting lasted until 11 pm.<br0>",
	"Die nächste Sitzung findet im Juni statt.": "The next meeting will take place in June.",
	"Die Strasse bleibt bis Ende Mai gesperrt.": "The road will remain closed until the end of May.",
	"Der Umweg über die Seestrasse ist signalisiert.": "The diversion via Seestrasse is signposted.",
]
def NOTES = [
	"Der Umweg über die Seestrasse ist signalisiert.": "Seestrasse is a street name: not translated.",
]
// the second "Die Strasse bleibt ..." gets its own (alternative) translation
def ALT = "The street remains closed until the end of May."
def seen = [:]
def created = Date.parse("yyyy-MM-dd HH:mm:ss zzz", "2025-03-04 09:15:00 UTC").time
def changed = Date.parse("yyyy-MM-dd HH:mm:ss zzz", "2025-03-05 14:40:00 UTC").time
project.allEntries.each { ste ->
	def tr = T[ste.srcText]
	if (tr == null)
		return
	def n = seen.get(ste.srcText, 0)
	seen[ste.srcText] = n + 1
	def p = new PrepareTMXEntry()
	p.source = ste.srcText
	p.translation = tr
	p.creator = "marco.rossi"
	p.creationDate = created
	p.changer = "anna.keller"
	p.changeDate = changed
	p.note = NOTES[ste.srcText]
	def isDefault = true
	if (n == 1 && ste.srcText.startsWith("Die Strasse")) {
		p.translation = ALT
		p.note = "Second mention: shorter wording agreed with the editor."
		isDefault = false
	}
	project.setTranslation(ste, p, isDefault, null)
}
// IProject.saveProject() needs the main window, which console mode lacks:
// call the writer it calls (ProjectTMX.save, OmegaT's project_save.tmx
// writer) directly
def props = project.projectProperties
project.projectTMX.save(props, props.projectInternal + "project_save.tmx", true)
println "translate.groovy: translations set and project saved"
