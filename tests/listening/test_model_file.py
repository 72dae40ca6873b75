"""The shipped model is Google's YAMNet, unchanged, with its licence beside it."""

import hashlib

from nestwell.listening.yamnet import MODEL_PATH, MODEL_SHA256


def test_the_model_file_is_the_published_yamnet():
    assert hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest() == MODEL_SHA256


def test_the_model_ships_with_its_apache_licence():
    notice = (MODEL_PATH.parent / "YAMNET-LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache License" in notice and "Version 2.0, January 2004" in notice
    assert MODEL_SHA256 in notice
