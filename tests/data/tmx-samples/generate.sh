#!/bin/sh
# generate.sh - write again the samples in this folder that real tools make:
# OmegaT 3.6 (Debian's omegat package) translates omegat-project/ headless
# and writes its project_save.tmx and its three exports; translate-toolkit's
# po2tmx converts po2tmx/meldungen.po.  The hand-made imitations are not
# touched.  Needs: apt-get install omegat translate-toolkit.
#
# usage: tests/data/tmx-samples/generate.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# OmegaT: a copy of the project (OmegaT writes into it), translated by
# translate.groovy when the project loads, as a translator would in the
# editor; user.name is the translator OmegaT records as creationid/changeid
p="$work/stadtanzeiger"
mkdir -p "$p/tm/auto" "$p/glossary" "$p/dictionary" "$p/target" "$p/omegat"
cp -r "$here/omegat-project/source" "$here/omegat-project/omegat.project" "$p/"
java -Duser.name=anna.keller -Djava.library.path=/usr/lib/jni \
	-jar /usr/share/omegat/OmegaT.jar "$p" --mode=console-translate \
	--script="$here/omegat-project/translate.groovy" >"$work/omegat.log" 2>&1 || {
	cat "$work/omegat.log" >&2
	exit 1
}
grep -q "translate.groovy: translations set" "$work/omegat.log" || {
	echo "generate.sh: the OmegaT script did not run" >&2
	cat "$work/omegat.log" >&2
	exit 1
}
cp "$p/omegat/project_save.tmx" "$here/omegat-project_save.tmx"
for kind in omegat level1 level2; do
	cp "$p/stadtanzeiger-$kind.tmx" "$here/omegat-export-$kind.tmx"
done

# translate-toolkit: the PO catalog's translator comments, and then its
# source references, as <note>
po2tmx --progress=none -l de-AT --source-language en-US --comments others \
	"$here/po2tmx/meldungen.po" "$here/po2tmx-comments-others.tmx"
po2tmx --progress=none -l de-AT --source-language en-US --comments source \
	"$here/po2tmx/meldungen.po" "$here/po2tmx-comments-source.tmx"
echo "generate.sh: samples written to $here"
