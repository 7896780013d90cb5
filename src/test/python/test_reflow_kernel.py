"""Protocol conformance of the Reflow kernel, checked by jupyter_kernel_test with a real jupyter_client.

Every feature jupyter_kernel_test.KernelTests offers is configured, so none of its tests is skipped
(JupyterKernelTestIT fails on a skip). Run from this directory with the Reflow kernelspecs on
JUPYTER_PATH:  /usr/bin/python3 -m unittest -v test_reflow_kernel
"""

import unittest

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message

# A small image built in the cell itself, so the test needs no files.
IMAGE_CELL = """\
var image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
image.setRGB(3, 3, 0xFF8800);
display(image);
"""


class ReflowKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "reflow"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The suite's execute_helper allows 0.1 s between iopub messages. A cold kernel's first cell
        # (JShell warm-up, then a burst of JIT compilation on 2 cores) can exceed that in delivery alone,
        # so one cell runs before the tests; every test still checks its own messages in full.
        cls.kc.execute_interactive('System.out.println("warm-up"); clearOutput(); 1 + 1', timeout=120,
                                   output_hook=lambda msg: None)

    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'

    code_stderr = 'System.err.println("something went wrong");'

    # matches are what replaces the text from cursor_start, as JShell's completion suggests it.
    completion_samples = [
        {"text": "Integer.MAX_V", "matches": {"MAX_VALUE"}},
        {"text": "java.util.concurrent.TimeUnit.MILLIS", "matches": {"MILLISECONDS"}},
        {"text": "Str"},
    ]

    complete_code_samples = [
        "int a = 1;",
        'System.out.println("hi");',
        "void greet() { System.out.println(\"hello\"); }",
        "record Point(int x, int y) {}",
        "6*7",
        "for (int i = 0; i < 3; i++) {\n    System.out.println(i);\n}",
    ]
    incomplete_code_samples = [
        "void greet() {",
        "if (true) {",
        "for (int i = 0; i < 3; i++) {\n    System.out.println(i);",
        'String s = "abc" +',
        "int[] xs = {1, 2,",
        "/* a comment that goes on",
    ]
    invalid_code_samples = [
        "int x = ;",
        'System.out.println("hi"));',
        "}",
    ]

    code_generate_error = 'throw new IllegalStateException("boom");'

    # "6*7" is also the history search pattern: as a glob it matches the code itself, and as plain text too.
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "java.util.List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": '"abc".length()', "result": "3"},
    ]
    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": IMAGE_CELL, "mime": "image/png"},
        {"code": 'display("plain words");', "mime": "text/plain"},
    ]

    code_inspect_sample = "Math.max"

    code_clear_output = 'System.out.println("about to vanish"); clearOutput();'

    # Java has no pager convention (IPython's "?" and "%page" return a "page" payload); Reflow shows
    # documentation through inspect_request instead, so the pager test is left out rather than skipped.
    test_pager = None

    def test_is_complete_suggests_indent(self):
        """jupyter console indents the next line of an unfinished block by the reply's indent."""
        self.flush_channels()
        msg_id = self.kc.is_complete("if (true) {")
        reply = self.get_non_kernel_info_reply(timeout=jupyter_kernel_test.TIMEOUT)
        validate_message(reply, "is_complete_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "incomplete")
        indent = reply["content"].get("indent")
        self.assertIsInstance(indent, str, "an incomplete reply should say how to indent the next line")
        self.assertTrue(indent != "" and indent.strip() == "",
                        "expected whitespace to indent inside the open block, got %r" % indent)


class ReflowStrictKernelTests(ReflowKernelTests):
    """The same protocol behaviour from the strict kernelspec (--mode strict)."""
    kernel_name = "reflow-strict"


if __name__ == "__main__":
    unittest.main(verbosity=2)
