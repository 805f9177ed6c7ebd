"""A template database is reused only with its filestore.

A new clone at the same path finds the template database of an earlier clone
(the name depends on the path) but not its `.data` folder: the runner counts
the attachment files that are missing and builds the template again.
"""

import os

from suite import postgres, template


def _touch(folder, relative):
    path = os.path.join(folder, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w").close()


def test_missing_files_counts_stored_attachments_without_a_file():
    # rea_test_run_<pid>… databases of a dead process are dropped by later runs.
    name = "rea_test_run_%d_filestore" % os.getpid()
    postgres.drop(name)
    postgres.create_empty(name)
    try:
        postgres.execute(name, "create table ir_attachment (store_fname varchar)")
        postgres.execute(
            name,
            "insert into ir_attachment values "
            "('aa/one'), ('bb/two'), ('bb/two'), (null)",
        )
        folder = postgres.filestore(name)
        assert template.missing_files(name) == 2
        _touch(folder, "aa/one")
        assert template.missing_files(name) == 1
        _touch(folder, "bb/two")
        assert template.missing_files(name) == 0
    finally:
        postgres.drop(name)
    assert not os.path.exists(postgres.filestore(name))
